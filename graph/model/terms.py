"""The one way user values enter SPARQL or RDF text: validated and serialised by pyoxigraph.

Every IRI or literal that comes from a request, a file or a setting is turned into text here
and nowhere else, so no caller pastes a raw string between `<` and `>` or inside quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from firmgraph.graph.errors import InputError

__all__ = ["iri", "iris", "literal", "named_node", "refuse_entities", "to_rdflib_term"]


def named_node(value: str) -> ox.NamedNode:
    """The IRI as a pyoxigraph node; raises InputError for anything but an absolute IRI."""
    try:
        return ox.NamedNode(value)
    except (ValueError, TypeError) as e:
        raise InputError(f"not an absolute IRI: {value!r} ({e})") from e


def iri(value: str | ox.NamedNode) -> str:
    """`<value>` for SPARQL, Turtle or N-Triples text, validated (InputError when it is no IRI)."""
    return str(value if isinstance(value, ox.NamedNode) else named_node(value))


def iris(values: Iterable[str]) -> str:
    """IRIs as SPARQL terms, each once and sorted (the inside of a VALUES clause)."""
    return " ".join(iri(v) for v in sorted(set(values)))


def literal(value: str, *, language: str | None = None, datatype: str | None = None) -> str:
    """A quoted, escaped literal for SPARQL or Turtle text."""
    try:
        node = ox.Literal(value, language=language, datatype=named_node(datatype) if datatype else None)
    except (ValueError, TypeError) as e:
        raise InputError(f"not a valid literal: {value!r} ({e})") from e
    return str(node)


_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def refuse_entities(data: bytes, fmt: ox.RdfFormat, *, name: str) -> None:
    """Refuse XML that declares entities (a 1 KB document can expand to gigabytes) or hides in UTF-16.

    RDF/XML written by tools never needs a DTD; the parsers would expand what it declares.
    """
    from firmgraph.graph.errors import MalformedInputError

    if fmt != ox.RdfFormat.RDF_XML:
        return
    if data.startswith(_UTF16_BOMS):
        raise MalformedInputError("RDF/XML must be UTF-8 (this is UTF-16)", path=name)
    if _ENTITY.search(data):
        raise MalformedInputError(
            "RDF/XML with <!ENTITY> declarations is not accepted (entities can expand without bound);"
            " write the values out",
            path=name,
        )


def to_rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | Any) -> Any:
    """The rdflib term for a pyoxigraph term, converted directly (linear in its size)."""
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))
    raise TypeError(f"no rdflib term for {term!r}")
