"""The firmgraph vocabulary: the OWL ontology, its SKOS concept schemes and the alignments to others.

The Turtle files ship inside this package and are read with importlib.resources, so they are found
the same way from a source tree, an editable install and a wheel.
"""

from __future__ import annotations

from importlib.resources import files as _package_files

from rdflib import Graph, URIRef

__all__ = [
    "ALIGNMENTS",
    "CORE",
    "ONTOLOGY_IRI",
    "VERSION",
    "VERSION_IRI",
    "files",
    "hygiene_queries",
    "load",
    "read",
]

ONTOLOGY_IRI = "https://w3id.org/firmgraph/ns"
"""The ontology's IRI, also the name of the graph that holds it in a store."""
VERSION = "0.1.0"
VERSION_IRI = f"{ONTOLOGY_IRI}/{VERSION}"

CORE = ("firmgraph.ttl", "concepts.ttl")
"""The files that make up the vocabulary: classes and properties, then the concept schemes."""
ALIGNMENTS = "alignments.ttl"
"""Mappings to FIBO, Wikidata, SEM and schema.org: kept apart, loaded only on request."""


def files() -> list[str]:
    """Names of the Turtle files in this package, sorted."""
    return sorted(p.name for p in _package_files(__name__).iterdir() if p.name.endswith(".ttl"))


def read(name: str) -> str:
    """The text of one packaged file, such as "firmgraph.ttl" or "hygiene/dangling-reference.rq".

    Raises:
        FileNotFoundError: no such file in the package.
    """
    resource = _package_files(__name__)
    for part in name.split("/"):
        resource = resource / part
    if not resource.is_file():
        raise FileNotFoundError(f"no file {name!r} in {__name__}")
    return resource.read_text(encoding="utf-8")


def load(*, alignments: bool = False) -> Graph:
    """The ontology and the concept schemes (and the alignments, if asked) as one rdflib graph.

    The graph is named by ONTOLOGY_IRI.
    """
    graph = Graph(identifier=URIRef(ONTOLOGY_IRI))
    for name in (*CORE, ALIGNMENTS) if alignments else CORE:
        graph.parse(data=read(name), format="turtle", publicID=ONTOLOGY_IRI)
    return graph


def hygiene_queries() -> dict[str, str]:
    """The hygiene checks: SPARQL SELECT queries that must return no rows, by file stem."""
    folder = _package_files(__name__) / "hygiene"
    return {
        p.name.removesuffix(".rq"): p.read_text(encoding="utf-8")
        for p in sorted(folder.iterdir(), key=lambda p: p.name)
        if p.name.endswith(".rq")
    }
