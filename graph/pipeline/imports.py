"""Validated imports: read a source, build its batch, check it against the shapes, commit it whole."""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from firmgraph.graph.errors import (
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    ShapeViolationError,
    UnsupportedInputError,
)
from firmgraph.graph.model.formats import RdfFormat, rdf_format_for_extension
from firmgraph.graph.model.iris import entity_iri, opaque_key, source_graph_iri
from firmgraph.graph.model.namespaces import FG, SCHEMA
from firmgraph.graph.model.records import Record
from firmgraph.graph.model.terms import refuse_entities
from firmgraph.graph.pipeline.build import Batch, RecordBuilder, SourceInfo, provenance_quads
from firmgraph.graph.pipeline.duplicates import band_quads, same_article
from firmgraph.graph.pipeline.resolve import Match, Resolver
from firmgraph.graph.pipeline.validation import ValidationReport, validate
from firmgraph.graph.resolution import EventDecision, resolve_events
from firmgraph.graph.sources.decoding import check_size
from firmgraph.graph.sources.formats import files_in, importable_extensions, is_rdf, source_format_for
from firmgraph.graph.store import Commit, Store

__all__ = [
    "ArticleReader",
    "ImportResult",
    "Importer",
    "RawSource",
    "context_for",
    "event_matches",
    "iter_sources",
    "parse_rdf",
    "rdf_format",
    "resolve_batch",
    "sniff_suffix",
    "validation_input",
]


@dataclass
class ImportResult:
    """What happened to one source."""

    source: str
    graph: str | None = None
    status: str = "imported"
    """imported | checked (dry run) | rejected"""
    triples: int = 0
    report: ValidationReport | None = None
    matches: list[Match] = field(default_factory=list)
    error: str | None = None
    full_disk: bool = False
    """rejected because the store's disk is full (later sources are not tried)"""


@dataclass(frozen=True)
class RawSource:
    """A source's bytes and where they came from."""

    name: str
    data: bytes

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()


def iter_sources(paths: Iterable[str | Path], *, max_bytes: int) -> Iterator[RawSource | InputError]:
    """Sources behind paths: files, folders (recursively, importable suffixes), and `-` for stdin."""
    importable = importable_extensions()
    for path in paths:
        if str(path) == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            yield _checked(f"stdin{sniff_suffix(data)}", data, max_bytes)
            continue
        p = Path(path)
        if p.is_dir():
            files = files_in(p, importable)
            if not files:
                yield EmptyInputError("the folder holds no importable file", path=str(p))
            for f in files:
                yield _read_file(f, max_bytes)
        elif p.is_file():
            yield _read_file(p, max_bytes)
        else:
            yield InputError("no such file or folder", path=str(p))


def _read_file(path: Path, max_bytes: int) -> RawSource | InputError:
    try:
        check_size(path.stat().st_size, str(path), max_bytes)
    except InputTooLargeError as e:
        return e
    return _checked(str(path), path.read_bytes(), max_bytes)


def _checked(name: str, data: bytes, max_bytes: int) -> RawSource | InputError:
    try:
        check_size(len(data), name, max_bytes)
    except InputTooLargeError as e:
        return e
    if not data.strip():
        return EmptyInputError("the file is empty", path=name)
    if b"\x00" in data[:8192]:
        return UnsupportedInputError("binary data, not text (RDF, JSON records or an article)", path=name)
    return RawSource(name, data)


def sniff_suffix(data: bytes) -> str:
    """The suffix stdin's content looks like: JSON-LD, JSON records, HTML, Turtle/TriG or plain text."""
    head = data[:4096].lstrip().lower()
    if head.startswith((b"{", b"[")):
        return ".jsonld" if b'"@context"' in head or b'"@id"' in head else ".json"
    if head.startswith((b"<!doctype html", b"<html")):
        return ".html"
    if head.startswith((b"@prefix", b"@base", b"prefix", b"base", b"<http", b"<urn", b"_:", b"#")):
        return ".trig"
    if head.startswith(b"<?xml") or head.startswith(b"<rdf:rdf"):
        return ".rdf"
    return ".txt"


def rdf_format(source: RawSource) -> RdfFormat:
    """The RDF format a source's suffix names."""
    fmt = rdf_format_for_extension(source.suffix)
    if fmt is None:
        raise UnsupportedInputError(f"unknown RDF suffix {source.suffix!r}", path=source.name)
    return fmt


def parse_rdf(source: RawSource, graph: str) -> list[ox.Quad]:
    """Parse RDF into quads of one graph (a dataset's named graphs are merged into the source graph)."""
    name = ox.NamedNode(graph)
    fmt = rdf_format(source)
    if fmt.native is not None:
        refuse_entities(source.data, fmt.native, name=source.name)
    try:
        parsed = fmt.parse(source.data, graph)
        return [ox.Quad(q.subject, q.predicate, q.object, name) for q in parsed]
    except SyntaxError as e:
        raise MalformedInputError(f"malformed RDF: {e}", path=source.name, line=_line_of(str(e))) from e
    except UnicodeDecodeError as e:
        raise MalformedInputError(f"not UTF-8 text: {e}", path=source.name) from e


def _line_of(message: str) -> int | None:
    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


def context_for(store: Store, quads: list[ox.Quad], *, chunk: int = 500) -> list[ox.Triple]:
    """What the store already says of the batch's entities (types and names): their state after the commit."""
    nodes = {
        t for q in quads for t in (q.subject, q.object) if isinstance(t, ox.NamedNode) and "/id/" in t.value
    }
    ordered = sorted(nodes, key=lambda n: n.value)
    triples: list[ox.Triple] = []
    for i in range(0, len(ordered), chunk):
        values = " ".join(str(n) for n in ordered[i : i + chunk])
        triples.extend(
            store.query(  # type: ignore[arg-type]
                f"CONSTRUCT {{ ?s a ?t . ?s <{SCHEMA.name}> ?n }} WHERE {{ VALUES ?s {{ {values} }} "
                f"{{ ?s a ?t }} UNION {{ ?s <{SCHEMA.name}> ?n }} }}"
            )
        )
    return triples


_REPORTS = ox.NamedNode(str(FG.reports))

ArticleReader = Callable[[RawSource], tuple[Record, SourceInfo]]
"""Turns an article's bytes into a record with evidence (the extraction pipeline plugs in here)."""


class Importer:
    """Imports sources into a store: one named graph each, all-or-nothing, validated before commit."""

    def __init__(self, store: Store, base: str, *, article_reader: ArticleReader | None = None) -> None:
        self.store = store
        self.base = base
        self.article_reader = article_reader

    def import_source(self, source: RawSource, *, dry_run: bool = False) -> list[ImportResult]:
        """Import one source (a JSON Lines file yields one result per record)."""
        batches = self.batches(source)
        return [self._commit(source.name, self.resolve(batch), dry_run=dry_run) for batch in batches]

    def resolve(self, batch: Batch) -> Batch:
        """Resolve the batch's event reports against the store (each import sees the ones before it)."""
        return resolve_batch(self.store, self.base, batch)

    def batches(self, source: RawSource) -> list[Batch]:
        """The batches a source yields, before validation."""
        if is_rdf(source.suffix):
            return [self._rdf_batch(source)]
        fmt = source_format_for(source.suffix)
        if fmt is not None and fmt.read_records is not None:
            text = _decode(source)
            records = fmt.read_records(text, source.name)
            return [self._record_batch(r, source, fmt.media_type) for r in records]
        if fmt is not None and fmt.kind == "article":
            if self.article_reader is None:
                raise UnsupportedInputError(
                    "articles need the extractor, which is not available", path=source.name
                )
            record, info = self.article_reader(source)
            info, record, copy_of = same_article(self.store, self.base, info, record)
            batch = RecordBuilder(self.base, Resolver(self.store, self.base)).build(record, info)
            batch.source += band_quads(self.base, info, batch.source_graph)
            if copy_of:
                doc = entity_iri(self.base, "doc", info.key)
                batch.matches.append(Match(source.name, doc, copy_of, "source", True))
            return [batch]
        raise UnsupportedInputError(
            f"unknown file type {source.suffix or '(none)'}: give one of "
            f"{', '.join(sorted(importable_extensions()))}",
            path=source.name,
        )

    def _rdf_batch(self, source: RawSource) -> Batch:
        digest = hashlib.sha256(source.data).hexdigest()
        key = opaque_key("rdf", digest)
        graph = source_graph_iri(self.base, key)
        quads = parse_rdf(source, graph)
        if not quads:
            raise EmptyInputError("the file holds no triples", path=source.name)
        doc = entity_iri(self.base, "doc", key)
        info = SourceInfo(key, digest, Path(source.name).name, rdf_format(source).media_type)
        return Batch(graph, quads + provenance_quads(self.base, info, graph, doc))

    def _record_batch(self, record: Record, source: RawSource, media_type: str) -> Batch:
        art = record.article
        identity = art.url or (f"{art.title}|{art.date or ''}" if art.title else None)
        digest = hashlib.sha256(record.model_dump_json().encode()).hexdigest()
        key = opaque_key("record", identity or digest)
        info = SourceInfo(key, digest, Path(source.name).name, media_type)
        return RecordBuilder(self.base, Resolver(self.store, self.base)).build(record, info)

    def _commit(self, name: str, batch: Batch, *, dry_run: bool) -> ImportResult:
        quads = batch.all_quads()
        events = batch.events
        checked, linked = validation_input(batch)
        report = validate(checked, context=context_for(self.store, linked))
        if not report.conforms:
            raise ShapeViolationError(name, report)
        result = ImportResult(
            name, batch.source_graph, "checked" if dry_run else "imported", len(quads), report, batch.matches
        )
        if not dry_run:
            self.store.commit(
                Commit(
                    replace={batch.source_graph: batch.source},
                    add=batch.entities + (events.add if events else []),
                    remove=events.remove if events else [],
                )
            )
        return result


def resolve_batch(store: Store | None, base: str, batch: Batch) -> Batch:
    """Resolve a batch's event reports into canonical events (against the store, or None: each other only)."""
    if not batch.reports():
        return batch
    batch.events = resolve_events(store, base, batch.source)
    batch.matches += event_matches(batch.events.decisions)
    return batch


def event_matches(decisions: Iterable[EventDecision]) -> list[Match]:
    """Event-resolution decisions as the matches an import reports."""
    return [Match(d.report, d.canonical, f"with {d.other}: {d.reason}", "event", d.merged) for d in decisions]


def validation_input(batch: Batch) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """What SHACL checks of a batch (with its canonical events), and the part whose context it needs.

    A canonical event's other reports are not in the batch: no context is read for them (their
    own sources were checked when they came in).
    """
    events = batch.events
    checked = batch.all_quads() + (events.validation_quads(batch.reports()) if events else [])
    return checked, [q for q in checked if q.predicate != _REPORTS]


def _decode(source: RawSource) -> str:
    try:
        return source.data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise MalformedInputError(f"not UTF-8 text (byte {e.start})", path=source.name) from e
