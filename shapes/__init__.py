"""The SHACL shapes of firmgraph: violations in firmgraph.ttl, plausibility warnings in warnings.ttl."""

from __future__ import annotations

from importlib.resources import files

import rdflib

SHAPES = rdflib.Namespace("https://w3id.org/firmgraph/ns/shapes#")
"""The namespace of the shapes themselves (prefix `fgsh:`)."""

FILES = ("firmgraph.ttl",)
WARNING_FILES = ("warnings.ttl",)

__all__ = ["FILES", "SHAPES", "WARNING_FILES", "load", "text"]


def text(name: str) -> str:
    """The Turtle text of one packaged shapes file."""
    return files(__name__).joinpath(name).read_text(encoding="utf-8")


def load(*, warnings: bool = True) -> rdflib.Graph:
    """A fresh graph of the shapes (with the plausibility warnings unless told otherwise)."""
    graph = rdflib.Graph()
    graph.bind("fgsh", SHAPES)
    for name in FILES + (WARNING_FILES if warnings else ()):
        graph.parse(data=text(name), format="turtle")
    return graph
