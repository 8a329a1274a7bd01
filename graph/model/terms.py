"""The one way user values enter SPARQL or RDF text: validated and serialised by pyoxigraph.

Every IRI or literal that comes from a request, a file or a setting is turned into text here
and nowhere else, so no caller pastes a raw string between `<` and `>` or inside quotes.
"""

from __future__ import annotations

import pyoxigraph as ox

from firmgraph.graph.errors import InputError

__all__ = ["iri", "literal", "named_node"]


def named_node(value: str) -> ox.NamedNode:
    """The IRI as a pyoxigraph node; raises InputError for anything but an absolute IRI."""
    try:
        return ox.NamedNode(value)
    except (ValueError, TypeError) as e:
        raise InputError(f"not an absolute IRI: {value!r} ({e})") from e


def iri(value: str | ox.NamedNode) -> str:
    """`<value>` for SPARQL, Turtle or N-Triples text, validated (InputError when it is no IRI)."""
    return str(value if isinstance(value, ox.NamedNode) else named_node(value))


def literal(value: str, *, language: str | None = None, datatype: str | None = None) -> str:
    """A quoted, escaped literal for SPARQL or Turtle text."""
    try:
        node = ox.Literal(value, language=language, datatype=named_node(datatype) if datatype else None)
    except (ValueError, TypeError) as e:
        raise InputError(f"not a valid literal: {value!r} ({e})") from e
    return str(node)
