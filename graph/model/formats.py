"""RDF formats: the one table that imports, exports, content negotiation and the CLI read.

Each format names its media type, file extensions and how it is read and written: by pyoxigraph
(`native`) or by a writer given as `"module:function"`, loaded when first used (as rdflib's
plugins are). A new format is one `register_rdf_format` call; every consumer sees it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import BinaryIO

import pyoxigraph as ox

from firmgraph.graph.errors import ConfigurationError
from firmgraph.graph.model.namespaces import PREFIXES

__all__ = [
    "BUILTIN_FORMATS",
    "DUMP_FORMATS",
    "RDF_FORMATS",
    "RdfFormat",
    "Writer",
    "rdf_format_for_extension",
    "rdf_format_for_media_type",
    "register_rdf_format",
]

Writer = Callable[[BinaryIO, Iterable[ox.Quad]], None]
"""Writes quads to a binary stream (for formats pyoxigraph does not write the way firmgraph wants)."""
Parser = Callable[[bytes, str], Iterable[ox.Quad | ox.Triple]]
"""Reads bytes (with a base IRI) into quads or triples."""


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialisation.

    Attributes:
        name: the short name (`--format`, `?format=`).
        extensions: file extensions without the dot; the first is the one written.
        aliases: other media types that ask for it in an Accept header or name it in a Content-Type.
        native: pyoxigraph's parser and serializer for it, if pyoxigraph has them.
        quads: whether it keeps graph names.
        dump_rank: its place in the list of dumps (`firmgraph export`, `/exports`); None: not offered.
        writer: `"module:function"` or a Writer, used instead of pyoxigraph's serializer.
        parser: a Parser, used instead of pyoxigraph's parser.
    """

    name: str
    media_type: str
    extensions: tuple[str, ...]
    label: str
    native: ox.RdfFormat | None = None
    quads: bool = False
    aliases: tuple[str, ...] = ()
    dump_rank: int | None = None
    writer: str | Writer | None = None
    parser: Parser | None = None

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def rdf(self) -> ox.RdfFormat | None:
        """pyoxigraph's serializer, or None when the format has a writer of its own."""
        return None if self.writer is not None else self.native

    def names(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)

    def write(self, out: BinaryIO, quads: Iterable[ox.Quad]) -> None:
        """Serialise quads (triples of the default graph where the format has no graphs)."""
        if self.writer is not None:
            writer = self.writer
            if isinstance(writer, str):
                module, _, attribute = writer.partition(":")
                writer = getattr(importlib.import_module(module), attribute)
            writer(out, quads)  # type: ignore[operator]
            return
        if self.native is None:
            raise ConfigurationError(f"{self.label} has neither a writer nor a pyoxigraph serializer")
        stream = quads if self.quads else (q.triple for q in quads)
        prefixes = PREFIXES if self.native in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        ox.serialize(stream, out, self.native, prefixes=prefixes)

    def parse(self, data: bytes, base_iri: str) -> Iterator[ox.Quad | ox.Triple]:
        """Parse bytes (blank nodes renamed apart); raises SyntaxError on malformed input."""
        if self.parser is not None:
            yield from self.parser(data, base_iri)
            return
        if self.native is None:
            raise ConfigurationError(f"{self.label} has neither a parser nor a pyoxigraph parser")
        yield from ox.parse(data, self.native, base_iri=base_iri, rename_blank_nodes=True)


RDF_FORMATS: dict[str, RdfFormat] = {}
"""Registered formats by name, in the order content negotiation prefers them."""


def register_rdf_format(fmt: RdfFormat) -> RdfFormat:
    """Add (or replace) a format; its extensions and media types then work everywhere."""
    RDF_FORMATS[fmt.name] = fmt
    return fmt


def rdf_format_for_extension(extension: str) -> RdfFormat | None:
    """The format a file extension (with or without the dot, any case) names, if any."""
    wanted = extension.lower().lstrip(".")
    return next((f for f in RDF_FORMATS.values() if wanted in f.extensions), None)


def rdf_format_for_media_type(media_type: str) -> RdfFormat | None:
    """The format a media type names (parameters such as charset ignored), if any."""
    wanted = media_type.split(";")[0].strip().lower()
    return next((f for f in RDF_FORMATS.values() if wanted in f.names()), None)


class _Dumps(Mapping[str, RdfFormat]):
    """The formats offered for dumps, by name and dump_rank: a live view of RDF_FORMATS."""

    def _ranked(self) -> list[RdfFormat]:
        offered = [f for f in RDF_FORMATS.values() if f.dump_rank is not None]
        return sorted(offered, key=lambda f: f.dump_rank or 0)

    def __getitem__(self, name: str) -> RdfFormat:
        fmt = RDF_FORMATS[name]
        if fmt.dump_rank is None:
            raise KeyError(name)
        return fmt

    def __iter__(self) -> Iterator[str]:
        return iter([f.name for f in self._ranked()])

    def __len__(self) -> int:
        return len(self._ranked())


DUMP_FORMATS: Mapping[str, RdfFormat] = _Dumps()
"""The dump formats by name, N-Quads first (the one `firmgraph restore` reads back)."""

BUILTIN_FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat(
        "turtle",
        "text/turtle",
        ("ttl",),
        "Turtle",
        ox.RdfFormat.TURTLE,
        aliases=("application/x-turtle",),
        dump_rank=3,
    ),
    RdfFormat(
        "ntriples",
        "application/n-triples",
        ("nt",),
        "N-Triples",
        ox.RdfFormat.N_TRIPLES,
        aliases=("text/plain",),
        dump_rank=4,
    ),
    RdfFormat(
        "jsonld",
        "application/ld+json",
        ("jsonld",),
        "JSON-LD",
        ox.RdfFormat.JSON_LD,
        quads=True,
        aliases=("application/json",),
        dump_rank=5,
        writer="firmgraph.graph.publish.jsonld:write_jsonld",
    ),
    RdfFormat(
        "rdfxml",
        "application/rdf+xml",
        ("rdf", "owl", "xml"),
        "RDF/XML",
        ox.RdfFormat.RDF_XML,
        aliases=("application/xml", "text/xml"),
    ),
    RdfFormat("trig", "application/trig", ("trig",), "TriG", ox.RdfFormat.TRIG, quads=True, dump_rank=2),
    RdfFormat(
        "nquads", "application/n-quads", ("nq",), "N-Quads", ox.RdfFormat.N_QUADS, quads=True, dump_rank=1
    ),
)
"""The formats firmgraph registers itself, the same way a plug-in would."""

for builtin in BUILTIN_FORMATS:
    register_rdf_format(builtin)
