"""Commands that read the graph: query, cookbook, validate, stats."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, cast

import pyoxigraph as ox
import typer
from tqdm import tqdm

from firmgraph.api.commands.shell import fail, open_kg
from firmgraph.graph.errors import QueryError, UnknownQueryError
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.model.formats import RDF_FORMATS
from firmgraph.graph.model.namespaces import with_prologue
from firmgraph.graph.pipeline.validation import ENGINES, Engine
from firmgraph.graph.sparql.cookbook import get_query, load_cookbook

FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}


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
        fail("give exactly one of: the query text, --file FILE, --saved NAME", code=2)
    text = with_prologue(_query_text(sparql, file, saved, param or []))  # fg:, schema: ... need no PREFIX
    with open_kg() as kg:
        try:
            result = kg.query(text)
            out = _render(kg, text, result, fmt)
        except QueryError as e:
            fail(f"malformed query: {e}")
    typer.echo(out, nl=not out.endswith("\n"))


def _query_text(sparql: str | None, file: Path | None, saved: str | None, params: list[str]) -> str:
    if sparql is not None:
        return sparql
    if file is not None:
        if not file.is_file():
            fail(f"{file}: no such file", code=2)
        return file.read_text(encoding="utf-8")
    try:
        canned = get_query(saved or "")
    except UnknownQueryError as e:
        fail(str(e), code=2)
    values = dict(p.partition("=")[::2] for p in params)
    unknown = set(values) - set(canned.params)
    if unknown:
        fail(
            f"{saved} takes {', '.join(canned.params) or 'no parameters'}, not {', '.join(sorted(unknown))}",
            code=2,
        )
    return canned.bind(values)


def cookbook() -> None:
    """List the saved queries (run one with `query --saved NAME`)."""
    for q in load_cookbook():
        params = ", ".join(f"{k}={v}" for k, v in q.params.items())
        typer.echo(f"{q.slug:34} {q.title}" + (f"  [{params}]" if params else ""))


def _render(kg: KnowledgeGraph, text: str, result: object, fmt: str) -> str:
    if isinstance(result, ox.QueryBoolean):
        return "true" if bool(result) else "false"
    if isinstance(result, ox.QueryTriples):
        chosen = RDF_FORMATS.get(fmt)
        if chosen is None or chosen.native is None:
            chosen = RDF_FORMATS["turtle"]
        return ox.serialize(result, format=chosen.native).decode()  # type: ignore[arg-type]
    if fmt == "table":
        frame = kg.query_df(text)
        return frame.to_string(index=False) if len(frame) else "(no rows)"
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r} for a SELECT query: {', '.join(['table', *FORMATS])}", code=2)
    return result.serialize(format=FORMATS[fmt]).decode()  # type: ignore[attr-defined]


def validate_store(
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            help="compiled: the shapes as SPARQL the store answers (default, setting validation_engine);"
            " pyshacl: the reference, graph by graph.",
        ),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the messages: en or de.")] = "en",
    fmt: Annotated[
        str, typer.Option("--format", help="text, json or turtle (the W3C validation report).")
    ] = "text",
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            help="Only the sources imported at or after this time (ISO 8601: 2026-12-01 or"
            " 2026-12-01T08:00:00+01:00; UTC when no offset), each with its context.",
        ),
    ] = None,
) -> None:
    """Validate the whole store against the shapes."""
    if engine is not None and engine not in ENGINES:
        fail(f"unknown engine {engine!r}: {', '.join(ENGINES)}", code=2)
    if fmt not in ("text", "json", "turtle"):
        fail(f"unknown format {fmt!r}: text, json or turtle", code=2)
    since = None
    if changed_since is not None:
        try:
            since = datetime.fromisoformat(changed_since)
        except ValueError:
            fail(
                f"--changed-since {changed_since!r} is no ISO 8601 date or time (e.g. 2026-12-01T08:00:00)",
                code=2,
            )
    chosen = cast("Engine | None", engine)
    with open_kg() as kg:
        total = kg.validation_steps(chosen, changed_since=since)
        with tqdm(total=total, desc="validating", file=sys.stderr, disable=None) as bar:
            report = kg.validate(progress=bar.update, engine=chosen, changed_since=since)
    if fmt == "json":
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "turtle":
        typer.echo(report.turtle)
    else:
        typer.echo(report.text(lang))
        typer.echo(f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s)")
    if not report.conforms:
        raise typer.Exit(1)


def stats() -> None:
    """Counts of triples, graphs, organizations, people, events and articles."""
    with open_kg() as kg:
        for name, value in kg.stats().items():
            typer.echo(f"{name:14} {value:>12,}")
