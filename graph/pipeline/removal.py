"""Removing a source: its graph, the entities only it named, and the canonical events re-resolved without it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from firmgraph.graph.errors import NotFoundError
from firmgraph.graph.model.iris import entities_graph_iri, events_graph_iri
from firmgraph.graph.model.namespaces import FG, ORG, PROV, SCHEMA
from firmgraph.graph.resolution import resolve_events
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
    """Canonical events re-resolved from their other reports, or removed with the source's reports."""


def find_sources(store: Store, base: str, name: str) -> list[str]:
    """The source graphs a name stands for: a graph IRI, a document IRI, or a file name as imported."""
    literal = ox.Literal(name)
    iri = f"<{name}>" if name.startswith(("http://", "https://", "urn:")) else None
    match = f"{{ ?d <{SCHEMA.name}> {literal} }}"
    if iri:
        match += f" UNION {{ FILTER(?d = {iri} || ?g = {iri}) }}"
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
    entities = entities_graph_iri(base)
    orphans = _only_here(store, base, graph, entities)
    orphans |= _memberships_of(store, entities, orphans)
    remove = [q for iri in orphans for q in _entity_facts(store, entities, iri)]
    reports = {q.subject.value for q in source if q.object == ox.NamedNode(str(FG.EventReport))}
    docs = frozenset(q.object.value for q in source if q.predicate == ox.NamedNode(str(PROV.wasDerivedFrom)))
    others = _other_reports_sources(store, graph, reports) if reports else []
    events = resolve_events(store, base, others, without=docs) if others else None
    gone_links = _links_of(store, base, reports)
    add = events.add if events else []
    remove += (events.remove if events else []) + [q for q in gone_links if q not in set(add)]
    remove += _emptied_canonicals(store, base, reports, events.canonical_of if events else {})
    store.commit(Commit(replace={graph: []}, add=add, remove=list(dict.fromkeys(remove))))
    touched = len(set(events.canonical_of.values())) if events else 0
    return Removal(graph, len(source), sorted(orphans), touched)


def _values(iris: set[str]) -> str:
    return " ".join(f"<{i}>" for i in sorted(iris))


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


def _memberships_of(store: Store, entities: str, iris: set[str]) -> set[str]:
    """The memberships (roles) whose person or organization goes: they go with it."""
    if not iris:
        return set()
    rows = store.query(
        f"SELECT DISTINCT ?m WHERE {{ GRAPH <{entities}> {{ VALUES ?x {{ {_values(iris)} }}"
        f" ?m a <{ORG.Membership}> ; <{ORG.member}>|<{ORG.organization}> ?x }} }}"
    )
    return {row["m"].value for row in rows}  # type: ignore[union-attr]


def _entity_facts(store: Store, entities: str, iri: str) -> list[ox.Quad]:
    g = ox.NamedNode(entities)
    rows = store.query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{entities}> {{ {{ <{iri}> ?p ?o BIND(<{iri}> AS ?s) }}"
        f" UNION {{ ?s ?p <{iri}> BIND(<{iri}> AS ?o) }} }} }}"
    )
    return [ox.Quad(r["s"], r["p"], r["o"], g) for r in rows]  # type: ignore[union-attr, arg-type]


def _other_reports_sources(store: Store, graph: str, reports: set[str]) -> list[ox.Quad]:
    """The source quads of the other reports of the canonical events these reports belong to."""
    rows = store.query(
        f"SELECT DISTINCT ?h WHERE {{ VALUES ?r {{ {_values(reports)} }} ?r <{FG.reportOf}> ?c ."
        f" ?c <{FG.reports}> ?other . GRAPH ?h {{ ?other a <{FG.EventReport}> }} FILTER(?h != <{graph}>) }}"
    )
    quads: list[ox.Quad] = []
    for row in rows:  # type: ignore[union-attr]
        quads += list(store.quads(row["h"].value))
    return quads


def _links_of(store: Store, base: str, reports: set[str]) -> list[ox.Quad]:
    """The events graph's links to and from the removed reports."""
    events = events_graph_iri(base)
    g = ox.NamedNode(events)
    rows = store.query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{events}> {{ VALUES ?r {{ {_values(reports)} }}"
        f" {{ ?r ?p ?o BIND(?r AS ?s) }} UNION {{ ?s ?p ?r BIND(?r AS ?o) }} }} }}"
    )
    return [ox.Quad(r["s"], r["p"], r["o"], g) for r in rows]  # type: ignore[union-attr, arg-type]


def _emptied_canonicals(store: Store, base: str, reports: set[str], kept: dict[str, str]) -> list[ox.Quad]:
    """Every fact of the canonical events that had only the removed reports."""
    if not reports:
        return []
    events = events_graph_iri(base)
    g = ox.NamedNode(events)
    rows = store.query(
        f"SELECT DISTINCT ?c WHERE {{ GRAPH <{events}> {{ VALUES ?r {{ {_values(reports)} }} ?r <{FG.reportOf}> ?c }} }}"
    )
    alive = set(kept.values())
    quads: list[ox.Quad] = []
    for row in rows:  # type: ignore[union-attr]
        c = row["c"].value
        if c in alive:
            continue
        facts = store.query(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <{events}> {{ {{ <{c}> ?p ?o BIND(<{c}> AS ?s) }}"
            f" UNION {{ ?s ?p <{c}> BIND(<{c}> AS ?o) }} }} }}"
        )
        quads += [ox.Quad(r["s"], r["p"], r["o"], g) for r in facts]  # type: ignore[union-attr, arg-type]
    return quads
