"""Removing a source: its graph, the entities only it named, and the canonical events re-resolved without it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from firmgraph.graph.errors import NotFoundError
from firmgraph.graph.model.iris import entities_graph_iri, events_graph_iri
from firmgraph.graph.model.namespaces import FG, ORG, PROV, SCHEMA
from firmgraph.graph.model.terms import iris
from firmgraph.graph.resolution import resolve_events
from firmgraph.graph.resolution.reports import source_quads
from firmgraph.graph.store import Commit, Store

__all__ = ["Removal", "find_sources", "remove_source"]


@dataclass
class Removal:
    """What removing one source took out of the store."""

    graph: str
    quads: int
    entities: list[str] = field(default_factory=list)
    """Organizations, people and memberships no other source names (removed with their facts)."""
    events: int = 0
    """Canonical events re-resolved from their other reports."""


def find_sources(store: Store, base: str, name: str) -> list[str]:
    """The source graphs a name stands for: a graph IRI, a document IRI, or a file name as imported."""
    match = f"{{ ?d <{SCHEMA.name}> {ox.Literal(name)} }}"
    if name.startswith(("http://", "https://", "urn:")):
        match += f" UNION {{ FILTER(?d = <{name}> || ?g = <{name}>) }}"
    rows = store.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <{PROV.wasDerivedFrom}> ?d }} {match}"
        f' FILTER(STRSTARTS(STR(?g), "{base}graph/doc/")) }} ORDER BY ?g'
    )
    found = [row["g"].value for row in rows]  # type: ignore[union-attr]
    if not found:
        raise NotFoundError(
            f"no imported source is called {name!r}: give a file name, a document or a source graph IRI"
            " (the saved query latest-imports lists them)"
        )
    return found


def remove_source(store: Store, base: str, graph: str) -> Removal:
    """Remove one source graph and what only it supported, in one commit."""
    source = list(store.quads(graph))
    if not source:
        raise NotFoundError(f"{graph} holds nothing: it was removed already or never imported")
    entities, events_graph = entities_graph_iri(base), events_graph_iri(base)
    orphans = _only_here(store, base, graph, entities)
    orphans |= _memberships_of(store, entities, orphans)
    remove = _touching(store, entities, orphans)
    reports = {q.subject.value for q in source if q.object == ox.NamedNode(str(FG.EventReport))}
    docs = frozenset(q.object.value for q in source if q.predicate == ox.NamedNode(str(PROV.wasDerivedFrom)))
    canonicals = _linked(store, events_graph, reports, FG.reportOf)
    others = _linked(store, events_graph, canonicals, FG.reports) - reports
    events = resolve_events(store, base, source_quads(store, others), without=docs)
    alive = set(events.canonical_of.values())
    # the removed reports' links, and every fact of a canonical event only they reported, go
    remove += [
        q for q in _touching(store, events_graph, reports | (canonicals - alive)) if q not in set(events.add)
    ]
    remove += events.remove
    store.commit(Commit(replace={graph: []}, add=events.add, remove=list(dict.fromkeys(remove))))
    return Removal(graph, len(source), sorted(orphans), len(alive))


def _only_here(store: Store, base: str, graph: str, entities: str) -> set[str]:
    """Entities this source names that no other source graph mentions."""
    rows = store.query(
        f"SELECT DISTINCT ?e WHERE {{ GRAPH <{graph}> {{ {{ ?e ?p ?o }} UNION {{ ?s ?p ?e }} }}"
        f' FILTER(isIRI(?e) && STRSTARTS(STR(?e), "{base}id/"))'
        f" FILTER EXISTS {{ GRAPH <{entities}> {{ ?e ?p2 ?o2 }} }}"
        f" FILTER NOT EXISTS {{ GRAPH ?h {{ {{ ?e ?p3 ?o3 }} UNION {{ ?s3 ?p3 ?e }} }}"
        f' FILTER(?h != <{graph}> && STRSTARTS(STR(?h), "{base}graph/doc/")) }} }}'
    )
    return {row["e"].value for row in rows}  # type: ignore[union-attr]


def _memberships_of(store: Store, entities: str, people_and_orgs: set[str]) -> set[str]:
    """The memberships (roles) whose person or organization goes: they go with it."""
    if not people_and_orgs:
        return set()
    rows = store.query(
        f"SELECT DISTINCT ?m WHERE {{ GRAPH <{entities}> {{ VALUES ?x {{ {iris(people_and_orgs)} }}"
        f" ?m a <{ORG.Membership}> ; <{ORG.member}>|<{ORG.organization}> ?x }} }}"
    )
    return {row["m"].value for row in rows}  # type: ignore[union-attr]


def _linked(store: Store, graph: str, nodes: set[str], predicate: object) -> set[str]:
    """What `nodes` point to by `predicate` in `graph` (reports -> canonicals, canonicals -> reports)."""
    if not nodes:
        return set()
    rows = store.query(
        f"SELECT DISTINCT ?o WHERE {{ GRAPH <{graph}> {{ VALUES ?s {{ {iris(nodes)} }} ?s <{predicate}> ?o }} }}"
    )
    return {row["o"].value for row in rows}  # type: ignore[union-attr]


def _touching(store: Store, graph: str, nodes: set[str]) -> list[ox.Quad]:
    """The quads of a graph in which one of the nodes is the subject or the object."""
    if not nodes:
        return []
    g = ox.NamedNode(graph)
    rows = store.query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ VALUES ?n {{ {iris(nodes)} }}"
        " { ?n ?p ?o BIND(?n AS ?s) } UNION { ?s ?p ?n BIND(?n AS ?o) } } }"
    )
    return [ox.Quad(r["s"], r["p"], r["o"], g) for r in rows]  # type: ignore[union-attr, arg-type]
