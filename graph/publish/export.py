"""Dumps of the whole store, or one named graph, in N-Quads, TriG, Turtle, N-Triples or JSON-LD.

Quads stream from `Store.quads()` straight into the serializer (pyoxigraph's, or the JSON-LD writer
of `firmgraph.graph.publish.jsonld`), so memory stays flat whatever the size of the store. Turtle and
N-Triples carry triples only: a dump of the whole store in them is the union of all graphs (the
default graph that queries see); N-Quads, TriG and JSON-LD keep every graph's name.
N-Quads and TriG dumps are what `firmgraph restore` reads back.
"""

from __future__ import annotations

import gzip
import os
import queue
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from firmgraph.graph.errors import InputError, NotFoundError
from firmgraph.graph.model.formats import DUMP_FORMATS, RdfFormat
from firmgraph.graph.store import Store

__all__ = ["FORMATS", "DumpFormat", "dump_chunks", "dump_name", "export", "export_to_path", "format_for"]

Progress = Callable[[int], None]


DumpFormat = RdfFormat
"""A dump format is an RDF format of the registry with a dump_rank."""

FORMATS: Mapping[str, RdfFormat] = DUMP_FORMATS
"""The dump formats, by the name `firmgraph export --format` takes (N-Quads first: the one to restore)."""


def format_for(path: str | Path) -> DumpFormat:
    """The format a file name's extension names (`.gz` looked through).

    Raises:
        InputError: the extension names no dump format.
    """
    name = Path(path).name.lower().removesuffix(".gz")
    for fmt in FORMATS.values():
        if any(name.endswith("." + extension) for extension in fmt.extensions):
            return fmt
    extensions = ", ".join("." + f.extension for f in FORMATS.values())
    raise InputError(
        f"cannot tell the format from the name; use one of {extensions} (optionally .gz)", path=str(path)
    )


def dump_name(fmt: DumpFormat, *, compressed: bool = False, stem: str = "firmgraph") -> str:
    """The file name of a dump: `firmgraph.nq`, `firmgraph.nq.gz`."""
    return f"{stem}.{fmt.extension}" + (".gz" if compressed else "")


class _Counted:
    """Passes quads through, counting them and reporting progress every `every` quads."""

    def __init__(self, quads: Iterator[ox.Quad], progress: Progress | None, every: int) -> None:
        self.quads = quads
        self.progress = progress
        self.every = every
        self.count = 0

    def __iter__(self) -> Iterator[ox.Quad]:
        reported = 0
        for quad in self.quads:
            self.count += 1
            if self.progress is not None and self.count - reported >= self.every:
                self.progress(self.count - reported)
                reported = self.count
            yield quad
        if self.progress is not None and self.count > reported:
            self.progress(self.count - reported)


def export(
    store: Store,
    out: BinaryIO,
    fmt: str | DumpFormat,
    *,
    graph: str | None = None,
    progress: Progress | None = None,
    every: int = 10_000,
) -> int:
    """Write the store, or one named graph, to a binary stream.

    Args:
        out: where the bytes go (a file, a gzip stream, a pipe to an HTTP response).
        fmt: a DumpFormat or its name (nquads, trig, turtle, ntriples, jsonld).
        graph: the IRI of one named graph; None dumps every graph.
        progress: called with the number of quads written since its last call.

    Returns:
        The number of quads written.

    Raises:
        InputError: an unknown format name.
        NotFoundError: the store holds no graph `graph`.
    """
    chosen = _resolve(fmt)
    if graph is not None and not store.has_graph(graph):
        raise NotFoundError(f"no graph <{graph}>")
    if store.native is not None and _native(chosen, graph):
        return _dump_natively(store.native, out, chosen, graph, progress, every)
    counted = _Counted(store.quads(graph), progress, every)
    chosen.write(out, counted)
    return counted.count


def _native(fmt: DumpFormat, graph: str | None) -> bool:
    """Whether pyoxigraph's own dump writes exactly this file: line formats, graph names kept where needed.

    Its N-Quads dump of one graph drops the graph name, and Turtle, TriG and JSON-LD give no
    exact count for progress: those take the streaming path through Python.
    """
    return (fmt.rdf == ox.RdfFormat.N_QUADS and graph is None) or fmt.rdf == ox.RdfFormat.N_TRIPLES


class _Lines:
    """Passes bytes through, counting lines: one line is one statement in N-Quads and N-Triples."""

    def __init__(self, out: BinaryIO, progress: Progress | None, every: int) -> None:
        self.out = out
        self.progress = progress
        self.every = every
        self.count = 0
        self.reported = 0

    def write(self, data: bytes) -> int:
        self.out.write(data)
        self.count += data.count(b"\n")
        if self.progress is not None and self.count - self.reported >= self.every:
            self.progress(self.count - self.reported)
            self.reported = self.count
        return len(data)

    def flush(self) -> None:
        if self.progress is not None and self.count > self.reported:
            self.progress(self.count - self.reported)
            self.reported = self.count


def _dump_natively(
    native: ox.Store,
    out: BinaryIO,
    fmt: DumpFormat,
    graph: str | None,
    progress: Progress | None,
    every: int,
) -> int:
    """The store's own serializer, graph by graph for N-Triples (the union: every graph's triples)."""
    sink = _Lines(out, progress, every)
    if fmt.rdf == ox.RdfFormat.N_QUADS:
        native.dump(sink, ox.RdfFormat.N_QUADS)
    else:
        names = [ox.NamedNode(graph)] if graph else [ox.DefaultGraph(), *native.named_graphs()]
        for name in names:
            native.dump(sink, ox.RdfFormat.N_TRIPLES, from_graph=name)
    sink.flush()
    return sink.count


def export_to_path(
    store: Store,
    path: str | Path,
    fmt: str | DumpFormat | None = None,
    *,
    graph: str | None = None,
    progress: Progress | None = None,
    compresslevel: int = 6,
) -> int:
    """Write a dump to a file (gzip-compressed when its name ends in `.gz`); returns the quads written.

    The dump is written beside the target and renamed into place when complete, so an interrupted
    export never leaves a truncated file under the final name.
    """
    target = Path(path)
    chosen = _resolve(fmt) if fmt is not None else format_for(target)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("wb") as raw:
            if target.suffix == ".gz":
                # mtime=0 and the bare name: the same store gives byte-identical dumps
                with gzip.GzipFile(
                    filename=target.name.removesuffix(".gz"),
                    mode="wb",
                    fileobj=raw,
                    compresslevel=compresslevel,
                    mtime=0,
                ) as zipped:
                    count = export(store, zipped, chosen, graph=graph, progress=progress)  # type: ignore[arg-type]
            else:
                count = export(store, raw, chosen, graph=graph, progress=progress)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return count


class _Cancelled(Exception):
    """The reader of a dump went away."""


class _ChunkWriter:
    """A binary sink that hands 64 KiB chunks to a bounded queue (the reader's pace sets the writer's)."""

    def __init__(self, chunks: queue.Queue[bytes | BaseException | None], stop: threading.Event) -> None:
        self.chunks = chunks
        self.stop = stop
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= 1 << 16:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            self._put(bytes(self.buffer))
            self.buffer.clear()

    def _put(self, item: bytes | BaseException | None) -> None:
        while not self.stop.is_set():
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise _Cancelled


def dump_chunks(
    store: Store, fmt: str | DumpFormat, *, graph: str | None = None, compressed: bool = False
) -> Iterator[bytes]:
    """A dump as a stream of byte chunks, written by a thread as the consumer reads (for HTTP responses).

    Closing the iterator early stops the writer. Errors of the writer are raised to the reader.

    Raises:
        InputError: an unknown format name.
        NotFoundError: the store holds no graph `graph` (raised before the first chunk).
    """
    chosen = _resolve(fmt)
    if graph is not None and not store.has_graph(graph):
        raise NotFoundError(f"no graph <{graph}>")
    return _chunks(store, chosen, graph, compressed)


def _chunks(store: Store, fmt: DumpFormat, graph: str | None, compressed: bool) -> Iterator[bytes]:
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=16)
    stop = threading.Event()
    sink = _ChunkWriter(chunks, stop)

    def produce() -> None:
        try:
            if compressed:
                with gzip.GzipFile(  # the same header and level as export_to_path: the same bytes
                    filename=dump_name(fmt),
                    mode="wb",
                    fileobj=sink,
                    compresslevel=6,
                    mtime=0,  # type: ignore[arg-type]
                ) as zipped:
                    export(store, zipped, fmt, graph=graph)
            else:
                export(store, sink, fmt, graph=graph)  # type: ignore[arg-type]
            sink.flush()
            sink._put(None)
        except _Cancelled:
            return
        except BaseException as error:
            try:
                sink._put(error)
            except _Cancelled:
                return

    writer = threading.Thread(target=produce, name="firmgraph-dump", daemon=True)
    writer.start()
    try:
        while True:
            item = chunks.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        writer.join(timeout=5)


def _resolve(fmt: str | DumpFormat) -> DumpFormat:
    if isinstance(fmt, DumpFormat):
        return fmt
    try:
        return FORMATS[fmt]
    except KeyError:
        raise InputError(f"unknown dump format {fmt!r}; choose from {', '.join(FORMATS)}") from None
