"""Commands for whole stores and views: restore, export, synth, serve, view."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from firmgraph.api.commands.shell import fail, open_kg, settings
from firmgraph.graph.errors import FirmgraphError, InputError


def restore(
    dump: Annotated[Path, typer.Argument(help="A firmgraph dump: .nq or .trig, optionally .gz")],
) -> None:
    """Trusted bulk load of firmgraph's own dump (no SHACL: exports are already valid)."""
    if not dump.is_file():
        fail(f"{dump}: no such file", code=2)
    with (
        open_kg() as kg,
        tqdm(
            total=dump.stat().st_size,
            unit="B",
            unit_scale=True,
            desc="restoring",
            file=sys.stderr,
            disable=None,
        ) as bar,
    ):
        try:
            added = kg.restore(dump, progress=bar.update)
        except FirmgraphError as e:
            fail(str(e))
    typer.echo(f"restored {added:,} quads")


def export(
    out: Annotated[
        Path, typer.Option("-o", "--out", help="Output file (.nq .trig .ttl .nt .jsonld, optionally .gz)")
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="nquads, trig, turtle, ntriples or jsonld [default: from the file name]"
        ),
    ] = None,
    graph: Annotated[str | None, typer.Option("--graph", help="IRI of one named graph to dump")] = None,
) -> None:
    """Dump the store, or one named graph, to a file: streamed, with a progress bar."""
    from firmgraph.graph.publish.export import export_to_path

    with open_kg() as kg:
        try:
            total = kg.store.count(graph)
            with tqdm(
                total=total, unit="quad", unit_scale=True, desc="exporting", file=sys.stderr, disable=None
            ) as bar:
                written = export_to_path(kg.store, out, fmt, graph=graph, progress=bar.update)
        except FirmgraphError as e:
            fail(str(e), code=2 if isinstance(e, InputError) else 1)
    typer.echo(f"wrote {written:,} quads to {out}")


def synth(
    out: Annotated[Path, typer.Option("-o", "--out", help="Output file (.nq or .trig, optionally .gz)")],
    firms: Annotated[int, typer.Option("--firms", min=1, help="How many firms")] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same seed writes the same graph")] = 1,
) -> None:
    """Write a seeded synthetic graph in firmgraph's vocabulary (for benchmarks and load tests)."""
    from firmgraph.graph.synth.graph import write_synthetic

    with tqdm(total=firms, unit="firm", desc="synthesising", file=sys.stderr, disable=None) as bar:
        quads = write_synthetic(out, firms=firms, seed=seed, base=settings().base_iri, progress=bar.update)
    typer.echo(f"wrote {quads:,} quads to {out}")


def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on")] = 8000,
) -> None:
    """Serve the SPARQL endpoint and the query workbench (http://HOST:PORT/)."""
    from firmgraph.api.app import create_app
    from firmgraph.api.server import serve as run_server

    kg = open_kg()
    config = settings()
    typer.echo(f"serving {kg.store.location} at http://{host}:{port}/ (SPARQL endpoint: /sparql)", err=True)
    try:
        run_server(create_app(kg, config), host=host, port=port, max_connections=config.max_connections)
    finally:
        kg.close()


def view(
    out: Annotated[
        Path, typer.Option("-o", "--out", help="Where to write: .html (a view) or .svg (timeline)")
    ] = Path("view.html"),
    focus: Annotated[str | None, typer.Option("--focus", help="Ego network of this entity (an IRI)")] = None,
    hops: Annotated[str, typer.Option("--hops", help="Hops from the focus (1-4)")] = "2",
    link: Annotated[
        str | None, typer.Option("--link", help="Firms linked by: shared-people, co-mention or wave")
    ] = None,
    timeline: Annotated[
        bool, typer.Option("--timeline", help="A timeline of events per firm instead")
    ] = False,
    firm: Annotated[
        list[str] | None, typer.Option("--firm", help="Timeline of this firm (an IRI; repeatable)")
    ] = None,
    window: Annotated[str, typer.Option("--window", help="Days that make one wave (waves, timeline)")] = "30",
    start: Annotated[str | None, typer.Option("--from", help="Events/articles from (YYYY[-MM[-DD]])")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Events/articles until (YYYY[-MM[-DD]])")] = None,
    reason: Annotated[list[str] | None, typer.Option("--reason", help="Stated reason (repeatable)")] = None,
    event_type: Annotated[
        list[str] | None, typer.Option("--event-type", help="e.g. layoff, hiring_freeze")
    ] = None,
    min_jobs: Annotated[str | None, typer.Option("--min-jobs", help="At least this many jobs cut")] = None,
    language: Annotated[
        list[str] | None, typer.Option("--language", help="Article language, e.g. de")
    ] = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="Outlet (IRI or name)")] = None,
    cap: Annotated[str, typer.Option("--cap", help="At most this many nodes (1-5000)")] = "500",
    links: Annotated[
        str | None, typer.Option("--links", help="At most this many wave links, the heaviest (default 20000)")
    ] = None,
) -> None:
    """Write a network view (--focus IRI or --link ...) or a timeline (--timeline) as one offline file."""
    from firmgraph.graph.views.filters import Filters, parse_cap, parse_max_links, parse_window
    from firmgraph.graph.views.timeline import firm_timeline

    filters = dict(start=start, end=end, reason=reason, event_type=event_type, min_jobs=min_jobs)
    filters.update(language=language, source=source)
    kg = open_kg()
    try:
        if timeline:
            found = firm_timeline(
                kg.query, firm or [], Filters.parse(**filters), window_days=parse_window(window)
            )
            found.save(out, base_iri=kg.settings.base_iri)
            typer.echo(f"wrote {out}: {len(found.events)} events of {len(found.firms())} firms")
            return
        if out.suffix.lower() not in (".html", ".htm"):
            raise InputError("a network view is written as .html")
        max_links = parse_max_links(links)
        graph = kg.network(focus, hops=hops, link=link, window_days=window, max_links=max_links, **filters)
        out.write_text(graph.to_html(cap=parse_cap(cap)), encoding="utf-8")
        typer.echo(f"wrote {out}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    except FirmgraphError as e:
        fail(str(e))
    finally:
        kg.close()
