"""The `firmgraph` command: a thin shell over the library.

Exit codes: 0 ok, 1 rejected input (nothing written), 2 usage, 3 an import wrote some sources and
rejected others.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from firmgraph.api.commands import data, events, imports, queries
from firmgraph.api.commands.shell import State
from firmgraph.graph.errors import FirmgraphError, store_error
from firmgraph.graph.version import __version__

app = typer.Typer(
    help="firmgraph: a knowledge graph of firms, their people and restructuring events.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store", help="Store folder or SPARQL endpoint URL [env FIRMGRAPH_STORE; default ./firmgraph-data]"
    ),
]


def _print_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def main_options(
    store: StoreOption = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    State.store = store


app.command("import")(imports.import_)
app.command()(queries.query)
app.command()(queries.cookbook)
app.command("validate")(queries.validate_store)
app.command()(queries.stats)
app.command()(data.restore)
app.command()(data.export)
app.command()(data.synth)
app.command()(imports.extract)
app.command()(imports.remove)
app.command()(data.serve)
app.command()(data.view)
app.add_typer(events.app, name="events")


def main() -> None:
    """Entry point of the console script: errors are one line, never a traceback."""
    try:
        app()
    except (FirmgraphError, OSError) as e:
        message = str(e) if isinstance(e, FirmgraphError) else str(store_error(e, "working"))
        typer.secho(f"error: {message}", fg="red", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
