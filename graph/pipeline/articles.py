"""Articles into records: read the page, extract what it states, keep the text for evidence."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from firmgraph.graph.errors import InputError
from firmgraph.graph.model.iris import opaque_key
from firmgraph.graph.model.records import Record, parse_record
from firmgraph.graph.pipeline.build import SourceInfo
from firmgraph.graph.pipeline.imports import RawSource
from firmgraph.graph.sources.formats import article_extensions

if TYPE_CHECKING:
    from firmgraph.graph.kg import KnowledgeGraph

__all__ = ["extract_paths", "read_article", "review_merges"]


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
) -> list[Path]:
    """Extract every article behind `paths` into `out/NAME.json` (NAME = the file name less its suffix).

    Raises:
        FirmgraphError: an unknown extractor, or a bad input when `on_error` is None.
    """
    from firmgraph.graph.extraction import get_extractor
    from firmgraph.graph.sources import iter_documents

    chosen = get_extractor(extractor)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in iter_documents(paths, on_error=on_error):
        record = chosen.extract(doc)
        if not evidence:
            record = _without_evidence(record)
        name = "stdin" if doc.source == "-" else Path(doc.source).stem
        target = out / f"{name}.json"
        target.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(target)
    return written


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
