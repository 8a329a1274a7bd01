"""Articles into records: read the page, extract what it states, keep the text for evidence."""

from __future__ import annotations

from pathlib import Path

from firmgraph.graph.build import SourceInfo
from firmgraph.graph.imports import RawSource
from firmgraph.graph.iris import opaque_key
from firmgraph.graph.records import Record, parse_record

MEDIA_TYPES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain"}


def read_article(source: RawSource, *, extractor: str = "rules") -> tuple[Record, SourceInfo]:
    """The record an extractor finds in an article, and the source facts (its SHA-256 is its identity)."""
    from firmgraph.graph.extraction import get_extractor
    from firmgraph.graph.sources import read_bytes

    media_type = MEDIA_TYPES.get(source.suffix, "text/plain")
    doc = read_bytes(source.data, source=source.name, media_type=media_type)
    extracted = get_extractor(extractor).extract(doc)
    record = parse_record(extracted, source=source.name)
    info = SourceInfo(opaque_key("doc", doc.sha256), doc.sha256, Path(source.name).name, media_type, doc.text)
    return record, info
