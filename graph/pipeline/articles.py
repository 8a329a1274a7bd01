"""Articles into records: read the page, extract what it states, keep the text for evidence."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from firmgraph.graph.errors import FirmgraphError, InputError
from firmgraph.graph.model.iris import entity_iri, opaque_key
from firmgraph.graph.model.namespaces import FG, SCHEMA
from firmgraph.graph.model.records import Record, parse_record
from firmgraph.graph.pipeline.build import SourceInfo
from firmgraph.graph.pipeline.imports import Importer, RawSource
from firmgraph.graph.sources.formats import article_extensions

if TYPE_CHECKING:
    from firmgraph.graph.kg import KnowledgeGraph
    from firmgraph.graph.sources import Document

DEFAULT_BASE = "https://w3id.org/firmgraph/"

__all__ = ["describe", "event_keys", "extract_paths", "read_article", "review_merges"]


def read_article(source: RawSource, *, extractor: str = "rules") -> tuple[Record, SourceInfo]:
    """The record an extractor finds in an article, and the source facts (its SHA-256 is its identity)."""
    from firmgraph.graph.extraction import get_extractor
    from firmgraph.graph.sources import read_bytes

    media_type = article_extensions().get(source.suffix, "text/plain")
    doc = read_bytes(source.data, source=source.name, media_type=media_type)
    extracted = get_extractor(extractor).extract(doc)
    record = parse_record(extracted, source=source.name)
    info = SourceInfo(opaque_key("doc", doc.sha256), doc.sha256, Path(source.name).name, media_type, doc.text)
    return record, info


def extract_paths(
    paths: list[str],
    out: Path,
    *,
    extractor: str = "rules",
    evidence: bool = True,
    on_error: Callable[[InputError], None] | None = None,
    base: str = DEFAULT_BASE,
    resolve: bool = True,
) -> list[Path]:
    """Extract every article behind `paths` into `out/NAME.json` (NAME = the file name less its suffix).

    With `resolve`, each event gets `event_key`: the canonical event it resolves to across the run.

    Raises:
        FirmgraphError: an unknown extractor, or a bad input when `on_error` is None.
    """
    from firmgraph.graph.extraction import get_extractor
    from firmgraph.graph.sources import iter_documents

    chosen = get_extractor(extractor)
    out.mkdir(parents=True, exist_ok=True)
    extracted = [(doc, chosen.extract(doc)) for doc in iter_documents(paths, on_error=on_error)]
    keys = event_keys(extracted, base) if resolve else {}
    written = []
    for index, (doc, record) in enumerate(extracted):
        for n, event in enumerate(record.get("events", [])):
            if index in keys:
                event["event_key"], name = keys[index][n]
                # the firm as organization resolution named it ("Heilbronner Muttergesellschaft
                # Veltrum" is Veltrum)
                event["organization"] = name or event.get("organization")
        if not evidence:
            record = _without_evidence(record)
        name = "stdin" if doc.source == "-" else Path(doc.source).stem
        target = out / f"{name}.json"
        target.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(target)
    return written


def event_keys(
    extracted: list[tuple[Document, dict[str, Any]]], base: str
) -> dict[int, list[tuple[str, str | None]]]:
    """The canonical event of every extracted event, resolved across the run's articles.

    The articles are imported, in order, into a scratch in-memory store, exactly as `import` would
    resolve them; an article the shapes reject keeps its events' own IRIs (each its own event).
    Returns article index -> (key, the resolved firm's name) per event, in the record's order.
    """
    from firmgraph.graph.store import EmbeddedStore

    scratch = EmbeddedStore()
    prepared: dict[str, tuple[Record, SourceInfo]] = {}
    importer = Importer(scratch, base, article_reader=lambda raw: prepared[raw.name])
    reports: dict[int, list[str]] = {}
    for index, (doc, extracted_record) in enumerate(extracted):
        suffix = Path(doc.source).suffix if doc.source != "-" else ".txt"
        name = f"article-{index}{suffix or '.txt'}"
        record = parse_record(extracted_record, source=doc.source)
        info = SourceInfo(opaque_key("doc", doc.sha256), doc.sha256, name, doc.media_type, doc.text)
        prepared[name] = (record, info)
        reports[index] = [
            entity_iri(base, "event", opaque_key("event", info.key, e.id or str(n)))
            for n, e in enumerate(record.events)
        ]
        try:
            importer.import_source(RawSource(name, doc.text.encode()))
        except FirmgraphError:
            continue
    found: dict[str, str] = {}
    names: dict[str, str] = {}
    rows = scratch.query(
        f"SELECT ?r ?c ?name WHERE {{ ?r <{FG.reportOf}> ?c ; <{FG.organization}> ?o ."
        f" OPTIONAL {{ ?o <{SCHEMA.name}> ?name }} }}"
    )
    for row in rows:  # type: ignore[union-attr]
        found[row["r"].value] = row["c"].value
        if row["name"] is not None:
            names.setdefault(row["r"].value, row["name"].value)
    return {i: [(found.get(r, r), names.get(r)) for r in iris] for i, iris in reports.items()}


def describe(record: dict[str, Any]) -> tuple[str, str | None]:
    """One line saying what an extracted article holds, and a warning when it holds no restructuring event.

    "3 firm(s) (Pinterest, Amazon, ...), 2 event(s) (Pinterest: layoff 750 jobs; Amazon: 16,000 jobs), 2 people".
    """
    firms = [
        o.get("name", "") for o in record.get("organizations", []) if o.get("role_in_article") != "outlet"
    ]
    events = record.get("events", [])

    def event_text(e: dict[str, Any]) -> str:
        parts = [e.get("type") or "restructuring"]
        if e.get("jobs_cut") is not None:
            parts.append(f"{e['jobs_cut']:,} jobs")
        elif e.get("workforce_share_percent") is not None:
            parts.append(f"{e['workforce_share_percent']:g}% of staff")
        return f"{e.get('organization')}: {' '.join(parts)}"

    shown = ", ".join(firms[:4]) + (", ..." if len(firms) > 4 else "")
    line = (
        f"{len(firms)} firm(s)" + (f" ({shown})" if firms else "")
        + f", {len(events)} event(s)" + (f" ({'; '.join(event_text(e) for e in events[:4])}"
                                          + ("; ..." if len(events) > 4 else "") + ")" if events else "")
        + f", {len(record.get('people', []))} people"
    )  # fmt: skip
    warning = None if events else "no restructuring event found: is this an article about job cuts?"
    return line, warning


def _without_evidence(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_evidence(v) for k, v in value.items() if k != "evidence"}
    if isinstance(value, list):
        return [_without_evidence(v) for v in value]
    return value


def review_merges(kg: KnowledgeGraph, paths: list[str]) -> list[dict[str, Any]]:
    """How each organisation and person of these articles would resolve against the store, and why
    (a dry run: nothing is written). One row per name: source, kind, name, IRI, merged, reason."""
    rows: list[dict[str, Any]] = []
    for result in kg.import_paths(paths, dry_run=True):
        if result.status == "rejected":
            rows.append({"source": result.source, "error": result.error})
            continue
        rows += [{"source": result.source, **m.as_dict()} for m in result.matches]
    return rows
