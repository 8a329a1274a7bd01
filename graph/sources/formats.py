"""Source formats: which file extensions and media types firmgraph reads, and what reads them.

Three kinds of source: RDF (the formats of `model.formats`), records (JSON in the shape of the
gold files, or anything a reader turns into records) and articles (text or HTML, which the
extractor reads). `import`, `extract`, bulk imports and the folder walkers all ask this table, so
a new format is one `register_source_format` call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from firmgraph.graph.errors import ConfigurationError
from firmgraph.graph.model.formats import RDF_FORMATS, rdf_format_for_extension
from firmgraph.graph.model.records import Record, load_records

__all__ = [
    "SOURCE_FORMATS",
    "RecordReader",
    "SourceFormat",
    "article_extensions",
    "files_in",
    "importable_extensions",
    "is_rdf",
    "register_source_format",
    "source_format_for",
]

RecordReader = Callable[[str, str], list[Record]]
"""(text, source name) -> the records the text holds; raises an InputError subclass when it cannot."""


@dataclass(frozen=True)
class SourceFormat:
    """A format of records or articles.

    Attributes:
        extensions: file extensions without the dot, lower case.
        kind: "records" (read by `read_records`) or "article" (read as text or HTML, then extracted).
        read_records: for records: turns the decoded text into records.
    """

    name: str
    media_type: str
    extensions: tuple[str, ...]
    kind: Literal["records", "article"]
    read_records: RecordReader | None = None


SOURCE_FORMATS: dict[str, SourceFormat] = {}
"""Registered record and article formats by name (RDF formats are in `model.formats`)."""


def register_source_format(fmt: SourceFormat) -> SourceFormat:
    """Add (or replace) a format of records or articles."""
    if fmt.kind == "records" and fmt.read_records is None:
        raise ConfigurationError(f"the records format {fmt.name!r} needs read_records")
    SOURCE_FORMATS[fmt.name] = fmt
    return fmt


def _extension(suffix: str) -> str:
    return suffix.lower().lstrip(".")


def source_format_for(suffix: str) -> SourceFormat | None:
    """The records or article format a file suffix (`.json`, `html`) names, if any."""
    wanted = _extension(suffix)
    return next((f for f in SOURCE_FORMATS.values() if wanted in f.extensions), None)


def is_rdf(suffix: str) -> bool:
    """Whether a file suffix names an RDF format."""
    return rdf_format_for_extension(suffix) is not None


def article_extensions() -> dict[str, str]:
    """`.suffix` -> media type of every article format."""
    return {
        "." + extension: f.media_type
        for f in SOURCE_FORMATS.values()
        if f.kind == "article"
        for extension in f.extensions
    }


def files_in(folder: Path, extensions: Iterable[str]) -> list[Path]:
    """The files below a folder (recursively, sorted) whose suffix is one of `extensions` (`.txt`, ...)."""
    wanted = {e.lower() for e in extensions}
    return sorted(f for f in folder.rglob("*") if f.is_file() and f.suffix.lower() in wanted)


def importable_extensions() -> set[str]:
    """Every `.suffix` `import` reads: RDF, records and articles."""
    rdf = {"." + extension for f in RDF_FORMATS.values() for extension in f.extensions}
    return rdf | {"." + extension for f in SOURCE_FORMATS.values() for extension in f.extensions}


def _gold_records(text: str, source: str) -> list[Record]:
    return load_records(text, source=source)


BUILTIN_FORMATS: tuple[SourceFormat, ...] = (
    SourceFormat("records", "application/json", ("json", "jsonl"), "records", _gold_records),
    SourceFormat("text", "text/plain", ("txt", "text", "md"), "article"),
    SourceFormat("html", "text/html", ("html", "htm", "xhtml"), "article"),
)
"""The formats firmgraph registers itself, the same way a plug-in would."""

for builtin in BUILTIN_FORMATS:
    register_source_format(builtin)
