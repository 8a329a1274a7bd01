"""JSON-LD: the published, versioned @context of the vocabulary and a streaming writer that uses it.

pyoxigraph writes JSON-LD in expanded form only; this writer compacts against the context as it goes
(one node object at a time, so memory stays flat however large the dataset is):

- fg: classes and properties are terms (except those named like a prefix: `fg:reason`) (`"@type": "Layoff"`, `"jobsCut": 750`); other IRIs of the
  known namespaces become compact IRIs (`"schema:name"`), anything else stays absolute;
- object properties are coerced to `@id`, decimal- and date-valued ones to their datatype, so values
  are plain strings; integers and booleans are native JSON; everything else is an explicit value object;
- named graphs are `{"@id": graph, "@graph": [...]}` objects in the top-level `@graph`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, URIRef

from firmgraph import ontology
from firmgraph.graph.errors import UnsupportedInputError
from firmgraph.graph.model.namespaces import FG, PREFIXES, XSD

__all__ = ["CONTEXT_IRI", "JsonLdWriter", "context", "to_jsonld", "write_jsonld"]

CONTEXT_IRI = f"{ontology.ONTOLOGY_IRI}/context/{ontology.VERSION}.jsonld"
"""Where the context of this vocabulary version is published (it changes only with the version)."""

RDF_TYPE = str(RDF.type)
XSD_STRING = str(XSD.string)
XSD_INTEGER = str(XSD.integer)
XSD_BOOLEAN = str(XSD.boolean)
_CANONICAL_INT = re.compile(r"-?(0|[1-9][0-9]{0,17})\Z")
"""Integers JSON numbers carry exactly (and that JSON-LD turns back into the same lexical form)."""
_NATIVE = {XSD_INTEGER, XSD_BOOLEAN}
_NOTHING = object()
"""Ranges left uncoerced: their values are written as JSON numbers and booleans."""


@cache
def context() -> dict[str, Any]:
    """The JSON-LD context document (`{"@context": {...}}`) for the current vocabulary version."""
    graph = ontology.load()
    terms: dict[str, Any] = dict(sorted(PREFIXES.items()))
    fg = str(FG)
    for cls in sorted(set(graph.subjects(RDF.type, OWL.Class))):
        if isinstance(cls, URIRef) and str(cls).startswith(fg):
            terms[str(cls)[len(fg) :]] = f"fg:{str(cls)[len(fg) :]}"
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for prop in sorted(set(graph.subjects(RDF.type, kind))):
            if not (isinstance(prop, URIRef) and str(prop).startswith(fg)):
                continue
            name = str(prop)[len(fg) :]
            if name in PREFIXES:  # fg:reason, fg:scope ... share their name with a scheme's prefix
                continue
            definition: dict[str, str] = {"@id": f"fg:{name}"}
            if kind == OWL.ObjectProperty:
                definition["@type"] = "@id"
            else:
                ranges = [str(r) for r in graph.objects(prop, RDFS.range) if str(r).startswith(str(XSD))]
                if len(ranges) == 1 and ranges[0] not in _NATIVE and ranges[0] != XSD_STRING:
                    definition["@type"] = "xsd:" + ranges[0][len(str(XSD)) :]
            terms[name] = definition
    return {"@context": terms}


class _Terms:
    """IRI -> how the writer spells it: a term with its coercion, a compact IRI, or the IRI itself."""

    def __init__(self) -> None:
        self.by_namespace = {namespace: prefix for prefix, namespace in PREFIXES.items()}
        self.properties: dict[str, tuple[str, str | None]] = {}
        self.classes: dict[str, str] = {}
        for name, definition in context()["@context"].items():
            if name in PREFIXES:
                continue
            if isinstance(definition, str):
                self.classes[self.expand(definition)] = name
            else:
                self.properties[self.expand(definition["@id"])] = (name, definition.get("@type"))

    def expand(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return PREFIXES[prefix] + local

    def compact(self, iri: str) -> str:
        """A compact IRI where a known namespace allows it (never an empty local part), else the IRI."""
        # every known namespace ends in '#' or '/': one dict lookup instead of a scan per IRI
        cut = max(iri.rfind("#"), iri.rfind("/")) + 1
        prefix = self.by_namespace.get(iri[:cut])
        return f"{prefix}:{iri[cut:]}" if prefix is not None and cut < len(iri) else iri

    def key(self, predicate: str) -> tuple[str, str | None]:
        """The JSON key for a predicate and the coercion its term applies (None when not a term)."""
        found = self.properties.get(predicate)
        if found is not None:
            return found
        return self.compact(predicate), None

    def type_name(self, iri: str) -> str:
        return self.classes.get(iri) or self.compact(iri)


def _node_id(term: ox.NamedNode | ox.BlankNode, terms: _Terms) -> str:
    return terms.compact(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def _value(term: Any, coerce: str | None, terms: _Terms) -> Any:
    """One object in the form its key's term definition expects."""
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        node = _node_id(term, terms)
        return node if coerce == "@id" else {"@id": node}
    if not isinstance(term, ox.Literal):
        raise UnsupportedInputError(f"JSON-LD 1.1 cannot carry the RDF 1.2 triple term {term}")
    if term.language:
        return {"@value": term.value, "@language": term.language}
    datatype = term.datatype.value
    if coerce is not None and coerce != "@id":
        if terms.expand(coerce) == datatype:
            return term.value
    elif coerce is None:
        if datatype == XSD_STRING:
            return term.value
        if datatype == XSD_INTEGER and _CANONICAL_INT.match(term.value):
            return int(term.value)
        if datatype == XSD_BOOLEAN and term.value in ("true", "false"):
            return term.value == "true"
    return {"@value": term.value, "@type": terms.compact(datatype)}


class JsonLdWriter:
    """Writes quads (or triples) as one compacted JSON-LD document, a node object at a time.

    Consecutive statements about the same subject in the same graph become one node object, so a
    stream grouped by graph and subject (as stores iterate) gives the most compact document; any
    order is correct. The context is embedded (`context_ref=None`), so every document parses
    offline; pass CONTEXT_IRI to reference the published, versioned context instead.
    """

    def __init__(self, out: BinaryIO, *, context_ref: str | dict[str, Any] | None = None) -> None:
        self.out = out
        self.terms = _Terms()
        self.context_ref = context()["@context"] if context_ref is None else context_ref
        self._buffer: list[str] = []
        self._size = 0
        self._first_top = True
        self._first_in_graph = True

    def write(self, statements: Iterable[ox.Quad | ox.Triple]) -> int:
        """Write the whole document; returns how many statements it holds."""
        count = 0
        graph: object = _NOTHING  # the graph whose node objects are being written (None: the default graph)
        node: dict[str, Any] | None = None
        current: tuple[str | None, Any] | None = None
        self._first_top = True
        self._emit('{"@context": ' + json.dumps(self.context_ref, ensure_ascii=False) + ',\n "@graph": [')
        for statement in statements:
            count += 1
            name = statement.graph_name if isinstance(statement, ox.Quad) else None
            graph_id = (
                None if name is None or isinstance(name, ox.DefaultGraph) else _node_id(name, self.terms)
            )
            key = (graph_id, statement.subject)
            if key != current:
                if node is not None:
                    self._node(node, graph is not None)
                if graph_id != graph:
                    if graph not in (_NOTHING, None):
                        self._emit("\n  ]}")
                    if graph_id is not None:
                        self._top('{"@id": ' + json.dumps(graph_id, ensure_ascii=False) + ', "@graph": [')
                        self._first_in_graph = True
                    graph = graph_id
                current = key
                node = {"@id": _node_id(statement.subject, self.terms)}  # type: ignore[arg-type]
            self._add(node, statement)  # type: ignore[arg-type]
        if node is not None:
            self._node(node, graph is not None)
        if graph not in (_NOTHING, None):
            self._emit("\n  ]}")
        self._emit("\n]}\n")
        self._drain()
        return count

    def _add(self, node: dict[str, Any], statement: ox.Quad | ox.Triple) -> None:
        predicate = statement.predicate.value
        obj = statement.object
        if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
            key, value = "@type", self.terms.type_name(obj.value)
        elif predicate == RDF_TYPE and isinstance(obj, ox.BlankNode):
            key, value = "@type", f"_:{obj.value}"
        else:
            key, coerce = self.terms.key(predicate)
            value = _value(obj, coerce, self.terms)
        present = node.get(key)
        if present is None:
            node[key] = value
        elif isinstance(present, list):
            present.append(value)
        else:
            node[key] = [present, value]

    def _top(self, text: str) -> None:
        self._emit(("\n  " if self._first_top else ",\n  ") + text)
        self._first_top = False

    def _node(self, node: dict[str, Any], in_graph: bool) -> None:
        if "@type" in node:  # types read best right after the @id
            node = {"@id": node.pop("@id"), "@type": node.pop("@type"), **node}
        text = json.dumps(node, ensure_ascii=False)
        if not in_graph:
            self._top(text)
            return
        self._emit(("\n    " if self._first_in_graph else ",\n    ") + text)
        self._first_in_graph = False

    def _emit(self, text: str) -> None:
        self._buffer.append(text)
        self._size += len(text)
        if self._size > 1 << 16:
            self._drain()

    def _drain(self) -> None:
        if self._buffer:
            self.out.write("".join(self._buffer).encode("utf-8"))
            self._buffer.clear()
            self._size = 0


def to_jsonld(
    statements: Iterable[ox.Quad | ox.Triple], *, context_ref: str | dict[str, Any] | None = None
) -> bytes:
    """A small document in memory (entity descriptions, the dataset description)."""
    import io

    buffer = io.BytesIO()
    JsonLdWriter(buffer, context_ref=context_ref).write(statements)
    return buffer.getvalue()


def write_jsonld(out: BinaryIO, quads: Iterable[ox.Quad]) -> None:
    """The JSON-LD entry of the RDF format registry: the streaming, compacting writer."""
    JsonLdWriter(out).write(quads)
