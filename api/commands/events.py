"""`firmgraph events`: review event resolution and correct it (list, merge, split)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from firmgraph.api.commands.shell import fail, open_kg
from firmgraph.graph.errors import FirmgraphError
from firmgraph.graph.resolution.curation import canonical_events, curate

__all__ = ["app"]

app = typer.Typer(help="Review the canonical events and correct event resolution.", no_args_is_help=True)


@app.command("list")
def list_(
    firm: Annotated[str | None, typer.Option("--firm", help="Only this firm's events (by name).")] = None,
    merges: Annotated[bool, typer.Option("--merges", help="Only events with more than one report.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Each canonical event with its reports and why they were joined."""
    with open_kg() as kg:
        events = canonical_events(kg.store, firm=firm, merged_only=merges)
    for e in events:
        if as_json:
            typer.echo(json.dumps(e.as_dict(), ensure_ascii=False))
            continue
        typer.echo(f"{e.iri}  {e.label or e.firm} ({len(e.reports)} report(s))")
        for r in e.reports:
            typer.echo(f"    report {r}")
        for note in e.notes:
            typer.echo(f"    why: {note}")
    if not as_json:
        typer.echo(f"{len(events)} canonical event(s)")


def _curate(a: str, b: str, *, same: bool) -> None:
    with open_kg() as kg:
        try:
            result = curate(kg.store, kg.settings.base_iri, a, b, same=same)
        except FirmgraphError as e:
            fail(str(e))
    verb = "merged" if same else "split"
    count = len(set(result.values()))
    typer.echo(f"{verb} (the decision is kept in the curation graph): now {count} canonical event(s)")
    for report, canonical in result.items():
        typer.echo(f"    report {report} -> {canonical}")


@app.command()
def merge(
    a: Annotated[str, typer.Argument(help="An event report or canonical event IRI.")],
    b: Annotated[str, typer.Argument(help="Another one, of the same real-world event.")],
) -> None:
    """Join two reports (or canonical events) into one event, now and on every re-import."""
    _curate(a, b, same=True)


@app.command()
def split(
    a: Annotated[str, typer.Argument(help="An event report or canonical event IRI.")],
    b: Annotated[str, typer.Argument(help="Another one, of a different real-world event.")],
) -> None:
    """Keep two reports (or canonical events) apart, now and on every re-import."""
    _curate(a, b, same=False)
