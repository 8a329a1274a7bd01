"""The `firmgraph` command: a thin shell over the library.

Exit codes: 0 ok, 1 rejected input (nothing written), 2 usage, 3 an import wrote some sources and
rejected others.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import pyoxigraph as ox
import typer
from tqdm import tqdm

from firmgraph.graph.cookbook import get_query, load_cookbook
from firmgraph.graph.errors import FirmgraphError, InputError, QueryError, store_error
from firmgraph.graph.imports import ImportResult
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings, get_settings
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


class _State:
    store: str | None = None


def _settings() -> Settings:
    return get_settings()


def _open() -> KnowledgeGraph:
    try:
        return KnowledgeGraph.open(_State.store)
    except FirmgraphError as e:
        _fail(str(e))


def _fail(message: str, code: int = 1) -> NoReturn:
    typer.secho(f"error: {message}", fg="red", err=True)
    raise typer.Exit(code)


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
    _State.store = store


@app.command("import")
def import_(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate only; write nothing.")] = False,
    report: Annotated[
        str,
        typer.Option("--report", help="How to print a rejection: text, json or turtle (W3C SHACL report)."),
    ] = "text",
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Bulk mode: extract and validate in N worker processes, commit in batches.",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Bulk mode: skip sources already imported with the same SHA-256."),
    ] = False,
    commit_size: Annotated[
        int, typer.Option("--commit-size", min=1, help="Bulk mode: sources per atomic commit.")
    ] = 32,
) -> None:
    """Import articles (.txt/.html), JSON records or RDF: validated, one named graph per source."""
    if workers is not None or resume:
        _bulk_import(paths, dry_run, report, workers, resume, commit_size)
        return
    rejected = 0
    with _open() as kg, tqdm(desc="importing", unit="source", file=sys.stderr, disable=None) as bar:

        def show(result: ImportResult) -> None:
            nonlocal rejected
            bar.update(1)
            if result.status == "rejected":
                rejected += 1
            _show_result(result, report)

        results = kg.import_paths(paths, dry_run=dry_run, on_result=show)
    done = [r for r in results if r.status != "rejected"]
    verb = "checked" if dry_run else "imported"
    typer.echo(f"{verb} {len(done)} source(s), {sum(r.triples for r in done)} triples; rejected {rejected}")
    _exit_for(rejected=rejected, written=bool(done) and not dry_run)


PARTLY_IMPORTED = 3
"""Exit code of an import that wrote some sources and rejected others (each rejection is listed)."""


def _exit_for(*, rejected: int, written: bool) -> None:
    """0: all taken; 1: rejected input, nothing written; 3: some written, some rejected."""
    if rejected:
        raise typer.Exit(PARTLY_IMPORTED if written else 1)


def _show_result(result: ImportResult, style: str) -> None:
    """Print a rejection, or the warnings of an accepted source, above the progress bar."""
    if result.status == "rejected":
        tqdm.write(_rejection(result, style), file=sys.stderr)
    elif result.report is not None and result.report.warnings:
        tqdm.write(
            f"{result.source}: {len(result.report.warnings)} warning(s)\n{result.report.text()}",
            file=sys.stderr,
        )


def _bulk_import(
    paths: list[str], dry_run: bool, report: str, workers: int | None, resume: bool, commit_size: int
) -> None:
    from firmgraph.graph.bulk import bulk_import, count_sources

    with (
        _open() as kg,
        tqdm(total=count_sources(paths), desc="importing", unit="file", file=sys.stderr, disable=None) as bar,
    ):
        seen: set[str] = set()

        def show(result: ImportResult) -> None:
            if result.source not in seen:  # a JSON Lines file yields many results
                seen.add(result.source)
                bar.update(1)
            _show_result(result, report)

        try:
            summary = bulk_import(
                kg.store,
                paths,
                base=kg.settings.base_iri,
                max_bytes=kg.settings.max_input_bytes,
                workers=workers,
                commit_size=commit_size,
                resume=resume,
                dry_run=dry_run,
                on_result=show,
            )
        except FirmgraphError as e:
            _fail(str(e))
    verb = "checked" if dry_run else "imported"
    typer.echo(
        f"{verb} {summary.imported} source(s), {summary.triples} triples; skipped {summary.skipped} "
        f"already imported; rejected {summary.rejected}"
    )
    _exit_for(rejected=summary.rejected, written=summary.imported and not dry_run)


def _rejection(result: ImportResult, style: str) -> str:
    if result.report is not None and style == "json":
        return json.dumps(
            {"source": result.source, "report": result.report.to_json()}, ensure_ascii=False, indent=2
        )
    if result.report is not None and style == "turtle":
        return result.report.turtle
    return f"rejected: {result.error}"


FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query text.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
    saved: Annotated[
        str | None, typer.Option("--saved", help="Run a cookbook query by name (see `cookbook`).")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE for a cookbook query.")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="table, csv, tsv, json, xml; turtle, ntriples, jsonld, rdfxml")
    ] = "table",
) -> None:
    """Run a SPARQL query over the union of all graphs."""
    if sum(x is not None for x in (sparql, file, saved)) != 1:
        _fail("give exactly one of: the query text, --file FILE, --saved NAME", code=2)
    text = _query_text(sparql, file, saved, param or [])
    with _open() as kg:
        try:
            result = kg.query(text)
            out = _render(kg, text, result, fmt)
        except QueryError as e:
            _fail(f"malformed query: {e}")
    typer.echo(out, nl=not out.endswith("\n"))


def _query_text(sparql: str | None, file: Path | None, saved: str | None, params: list[str]) -> str:
    if sparql is not None:
        return sparql
    if file is not None:
        if not file.is_file():
            _fail(f"{file}: no such file", code=2)
        return file.read_text(encoding="utf-8")
    try:
        canned = get_query(saved or "")
    except KeyError:
        _fail(f"no saved query {saved!r}; `firmgraph cookbook` lists them", code=2)
    values = dict(p.partition("=")[::2] for p in params)
    unknown = set(values) - set(canned.params)
    if unknown:
        _fail(
            f"{saved} takes {', '.join(canned.params) or 'no parameters'}, not {', '.join(sorted(unknown))}",
            code=2,
        )
    return canned.bind(values)


@app.command()
def cookbook() -> None:
    """List the saved queries (run one with `query --saved NAME`)."""
    for q in load_cookbook():
        params = ", ".join(f"{k}={v}" for k, v in q.params.items())
        typer.echo(f"{q.slug:34} {q.title}" + (f"  [{params}]" if params else ""))


def _render(kg: KnowledgeGraph, text: str, result: object, fmt: str) -> str:
    if isinstance(result, ox.QueryBoolean):
        return "true" if bool(result) else "false"
    if isinstance(result, ox.QueryTriples):
        if fmt not in GRAPH_FORMATS:
            fmt = "turtle"
        return ox.serialize(result, format=GRAPH_FORMATS[fmt]).decode()  # type: ignore[arg-type]
    if fmt == "table":
        frame = kg.query_df(text)
        return frame.to_string(index=False) if len(frame) else "(no rows)"
    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r} for a SELECT query: {', '.join(['table', *FORMATS])}", code=2)
    return result.serialize(format=FORMATS[fmt]).decode()  # type: ignore[attr-defined]


@app.command(name="validate")
def validate_store() -> None:
    """Validate the whole store against the shapes."""
    with _open() as kg:
        report = kg.validate()
    typer.echo(report.text())
    typer.echo(f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s)")
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def stats() -> None:
    """Counts of triples, graphs, organizations, people, events and articles."""
    with _open() as kg:
        for name, value in kg.stats().items():
            typer.echo(f"{name:14} {value:>12,}")


@app.command()
def restore(
    dump: Annotated[Path, typer.Argument(help="A firmgraph dump: .nq or .trig, optionally .gz")],
) -> None:
    """Trusted bulk load of firmgraph's own dump (no SHACL: exports are already valid)."""
    if not dump.is_file():
        _fail(f"{dump}: no such file", code=2)
    with (
        _open() as kg,
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
            _fail(str(e))
    typer.echo(f"restored {added:,} quads")


@app.command()
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
    from firmgraph.graph.export import export_to_path

    with _open() as kg:
        try:
            total = kg.store.count(graph)
            with tqdm(
                total=total, unit="quad", unit_scale=True, desc="exporting", file=sys.stderr, disable=None
            ) as bar:
                written = export_to_path(kg.store, out, fmt, graph=graph, progress=bar.update)
        except FirmgraphError as e:
            _fail(str(e), code=2 if isinstance(e, InputError) else 1)
    typer.echo(f"wrote {written:,} quads to {out}")


@app.command()
def synth(
    out: Annotated[Path, typer.Option("-o", "--out", help="Output file (.nq or .trig, optionally .gz)")],
    firms: Annotated[int, typer.Option("--firms", min=1, help="How many firms")] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same seed writes the same graph")] = 1,
) -> None:
    """Write a seeded synthetic graph in firmgraph's vocabulary (for benchmarks and load tests)."""
    from firmgraph.graph.synth import write_synthetic

    with tqdm(total=firms, unit="firm", desc="synthesising", file=sys.stderr, disable=None) as bar:
        quads = write_synthetic(out, firms=firms, seed=seed, base=_settings().base_iri, progress=bar.update)
    typer.echo(f"wrote {quads:,} quads to {out}")


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article files (.txt/.html), folders, or - for stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for one NAME.json per article NAME.*")],
    extractor: Annotated[str, typer.Option("--extractor", help="A registered extractor")] = "rules",
    evidence: Annotated[bool, typer.Option("--evidence/--no-evidence", help="Keep evidence spans")] = True,
    merges: Annotated[
        Path | None,
        typer.Option(
            "--merges",
            help="Also write how each firm and person would resolve against the store, and why (JSON lines;"
            " nothing is imported)",
        ),
    ] = None,
) -> None:
    """Extract records from articles without importing them (one JSON per article, for scoring)."""
    from firmgraph.graph.articles import extract_paths, review_merges

    failed = 0

    def report(error: FirmgraphError) -> None:
        nonlocal failed
        failed += 1
        typer.secho(f"error: {error}", fg="red", err=True)

    try:
        written = extract_paths(paths, out, extractor=extractor, evidence=evidence, on_error=report)
    except FirmgraphError as e:
        _fail(str(e))
    typer.echo(f"extracted {len(written)} article(s) into {out}; failed {failed}")
    if merges is not None:
        with _open() as kg:
            rows = review_merges(kg, paths)
        merges.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        joined = sum(1 for r in rows if r.get("merged"))
        typer.echo(f"resolution of {len(rows)} name(s) written to {merges}: {joined} join known entities")
    if failed:
        raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on")] = 8000,
) -> None:
    """Serve the SPARQL endpoint and the query workbench (http://HOST:PORT/)."""
    from firmgraph.api.app import create_app
    from firmgraph.api.server import serve as run_server

    kg = _open()
    settings = _settings()
    typer.echo(f"serving {kg.store.location} at http://{host}:{port}/ (SPARQL endpoint: /sparql)", err=True)
    try:
        run_server(create_app(kg, settings), host=host, port=port, max_connections=settings.max_connections)
    finally:
        kg.close()


@app.command()
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
    from firmgraph.graph.filters import Filters, parse_cap, parse_max_links, parse_window
    from firmgraph.graph.timeline import firm_timeline

    filters = dict(start=start, end=end, reason=reason, event_type=event_type, min_jobs=min_jobs)
    filters.update(language=language, source=source)
    kg = _open()
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
        _fail(str(e))
    finally:
        kg.close()


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
