"""Commands that feed the graph: import (one by one, or in bulk with workers) and extract."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from firmgraph.api.commands.shell import fail, open_kg
from firmgraph.graph.errors import FirmgraphError, UnknownExtractorError
from firmgraph.graph.pipeline.imports import ImportResult


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
    extractor: Annotated[
        str | None,
        typer.Option(
            "--extractor", help="The extractor that reads articles [env FIRMGRAPH_EXTRACTOR; default rules]"
        ),
    ] = None,
) -> None:
    """Import articles (.txt/.html), JSON records or RDF: validated, one named graph per source."""
    if workers is not None or resume:
        _bulk_import(paths, dry_run, report, workers, resume, commit_size, extractor)
        return
    rejected = 0
    with open_kg() as kg, tqdm(desc="importing", unit="source", file=sys.stderr, disable=None) as bar:

        def show(result: ImportResult) -> None:
            nonlocal rejected
            bar.update(1)
            if result.status == "rejected":
                rejected += 1
            _show_result(result, report)

        try:
            results = kg.import_paths(paths, dry_run=dry_run, on_result=show, extractor=extractor)
        except UnknownExtractorError as e:
            fail(str(e), code=2)
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
    paths: list[str],
    dry_run: bool,
    report: str,
    workers: int | None,
    resume: bool,
    commit_size: int,
    extractor: str | None,
) -> None:
    from firmgraph.graph.pipeline.bulk import bulk_import, count_sources

    with (
        open_kg() as kg,
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
                extractor=extractor or kg.settings.extractor,
                on_result=show,
            )
        except UnknownExtractorError as e:
            fail(str(e), code=2)
        except FirmgraphError as e:
            fail(str(e))
    verb = "checked" if dry_run else "imported"
    typer.echo(
        f"{verb} {summary.imported} source(s), {summary.triples} triples; skipped {summary.skipped} "
        f"already imported; rejected {summary.rejected}"
    )
    _exit_for(rejected=summary.rejected, written=bool(summary.imported) and not dry_run)


def _rejection(result: ImportResult, style: str) -> str:
    if result.report is not None and style == "json":
        return json.dumps(
            {"source": result.source, "report": result.report.to_json()}, ensure_ascii=False, indent=2
        )
    if result.report is not None and style == "turtle":
        return result.report.turtle
    return f"rejected: {result.error}"


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
    from firmgraph.graph.pipeline.articles import describe, extract_paths, review_merges

    failed = 0

    def report(error: FirmgraphError) -> None:
        nonlocal failed
        failed += 1
        typer.secho(f"error: {error}", fg="red", err=True)

    try:
        from firmgraph.graph.settings import get_settings

        written = extract_paths(
            paths, out, extractor=extractor, evidence=evidence, on_error=report, base=get_settings().base_iri
        )
    except FirmgraphError as e:
        fail(str(e))
    for path in written:
        line, warning = describe(json.loads(path.read_text(encoding="utf-8")))
        typer.echo(f"{path.stem}: {line}")
        if warning:
            typer.secho(f"warning: {path.stem}: {warning}", fg="yellow", err=True)
    typer.echo(f"extracted {len(written)} article(s) into {out}; failed {failed}")
    if merges is not None:
        with open_kg() as kg:
            rows = review_merges(kg, paths)
        merges.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        joined = sum(1 for r in rows if r.get("merged"))
        typer.echo(f"resolution of {len(rows)} name(s) written to {merges}: {joined} join known entities")
    if failed:
        raise typer.Exit(1)


def remove(
    source: Annotated[
        str, typer.Argument(help="A file name as imported, a document IRI or a source graph IRI.")
    ],
) -> None:
    """Remove an imported source, the entities only it named, and its reports from the canonical events."""
    with open_kg() as kg:
        try:
            removals = kg.remove(source)
        except FirmgraphError as e:
            fail(str(e))
    for r in removals:
        typer.echo(
            f"removed {r.graph}: {r.quads} quads, {len(r.entities)} entities no other source names,"
            f" {r.events} canonical event(s) re-resolved"
        )
