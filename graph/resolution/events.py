"""Event resolution at import: a source's reports, with their neighbours in the store, into canonical events.

For each firm of the source, the store is asked only for that firm's reports whose announcement
window could meet the new reports' (and for the other reports of the canonical events those
belong to), so the lookup is bounded by firm and time, never a scan of the store. That
neighbourhood is clustered afresh (a deterministic function of the set), its old canonical
events are retracted and the new ones written, in the same commit as the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from firmgraph.graph.model.iris import curation_graph_iri, events_graph_iri
from firmgraph.graph.model.namespaces import FG
from firmgraph.graph.model.terms import iris
from firmgraph.graph.resolution.canonical import canonical_iri, canonical_quads
from firmgraph.graph.resolution.matching import DAY_SLACK, LOOKBACK_DAYS, Verdict, cluster, window
from firmgraph.graph.resolution.reports import (
    Report,
    read_reports,
    reports_near,
    reports_of_canonicals,
    reports_of_docs,
)
from firmgraph.graph.store import EmbeddedStore, Queryable

__all__ = ["EventDecision", "EventResolution", "resolve_events"]


@dataclass(frozen=True)
class EventDecision:
    """One merge, or one close non-merge, of two reports (for review)."""

    report: str
    other: str
    canonical: str
    merged: bool
    reason: str


@dataclass
class EventResolution:
    """What resolving a batch writes to the events graph, and why."""

    add: list[ox.Quad] = field(default_factory=list)
    """What the events graph gains (the store's facts that stay are not repeated)."""
    remove: list[ox.Quad] = field(default_factory=list)
    full: list[ox.Quad] = field(default_factory=list)
    """Every fact of the resolved canonical events, old or new (what SHACL checks)."""
    canonical_of: dict[str, str] = field(default_factory=dict)
    """report IRI -> canonical event IRI, for the batch's reports and their neighbours."""
    decisions: list[EventDecision] = field(default_factory=list)

    def validation_quads(self, batch_reports: set[str]) -> list[ox.Quad]:
        """What SHACL checks with the batch: the canonical events and the batch's own report links."""
        canonicals = set(self.canonical_of.values())
        return [q for q in self.full if q.subject.value in canonicals or q.subject.value in batch_reports]


def resolve_events(
    store: Queryable | None, base: str, source: list[ox.Quad], *, without: frozenset[str] = frozenset()
) -> EventResolution:
    """Resolve the reports in a source's quads against the store (None: against each other only).

    `without`: documents whose reports the store still holds but no longer count (a source being removed).
    """
    batch = EmbeddedStore()
    batch.ox.extend(source)
    new = read_reports(batch)
    if not new:
        return EventResolution()
    docs = {r.doc for r in new}
    ours = {r.iri for r in new}
    pool: dict[str, Report] = {r.iri: r for r in new}
    touched: set[str] = set()
    if store is not None:
        replaced = reports_of_docs(store, docs)
        touched |= {r.canonical for r in replaced if r.canonical}
        neighbours: list[Report] = []
        for org in sorted({r.org for r in new}):
            windows = [window(r) for r in new if r.org == org]
            neighbours += reports_near(store, org, windows, LOOKBACK_DAYS + DAY_SLACK)
        touched |= {r.canonical for r in neighbours if r.canonical}
        for r in neighbours + reports_of_canonicals(store, touched):
            if r.doc not in docs and r.doc not in without:
                pool.setdefault(r.iri, r)
                if r.canonical:
                    touched.add(r.canonical)
    same, distinct = _curated(store, base, set(pool))
    clusters, log = cluster(pool.values(), same=same, distinct=distinct)
    result = EventResolution()
    for members in clusters:
        iri = canonical_iri(base, members)
        for r in members:
            result.canonical_of[r.iri] = iri
    outside = {t for r in pool.values() for n in ("parts", "wholes", "previous") for t in r.many(n)}
    canonical_of = {**_current(store, outside - set(result.canonical_of)), **result.canonical_of}
    notes: dict[str, list[str]] = {}
    for a, b, verdict in log:
        target = result.canonical_of[a.iri]
        if verdict.same:
            notes.setdefault(target, []).append(_note(a, b, verdict))
        if a.iri in ours or b.iri in ours:
            mine, other = (a, b) if a.iri in ours else (b, a)
            result.decisions.append(EventDecision(mine.iri, other.iri, target, verdict.same, verdict.why))
    graph = events_graph_iri(base)
    for members in clusters:
        iri = canonical_iri(base, members)
        result.add += canonical_quads(base, graph, members, canonical_of, notes.get(iri, []))
    result.full = list(result.add)
    if store is not None and touched:
        old = _canonical_facts(store, graph, touched)
        fresh = set(result.add)
        result.remove = [q for q in old if q not in fresh]
        result.add = [q for q in result.add if q not in set(old)]
    return result


def _note(a: Report, b: Report, verdict: Verdict) -> str:
    return f"{a.iri} and {b.iri}: {verdict.why}"


def _curated(
    store: Queryable | None, base: str, reports: set[str]
) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """A curator's merge and split decisions about these reports."""
    if store is None or not reports:
        return set(), set()
    rows = store.query(
        f"SELECT ?a ?p ?b WHERE {{ GRAPH <{curation_graph_iri(base)}> {{ VALUES ?a {{ {iris(reports)} }}"
        f" {{ ?a ?p ?b }} UNION {{ ?b ?p ?a }} FILTER(?p IN (<{FG.sameEventAs}>, <{FG.distinctEventFrom}>)) }} }}"
    )
    same: set[frozenset[str]] = set()
    distinct: set[frozenset[str]] = set()
    for row in rows:  # type: ignore[union-attr]
        pair = frozenset((row["a"].value, row["b"].value))
        (same if row["p"].value == str(FG.sameEventAs) else distinct).add(pair)
    return same, distinct


def _current(store: Queryable | None, reports: set[str]) -> dict[str, str]:
    """The canonical events the store gives these reports now."""
    if store is None or not reports:
        return {}
    rows = store.query(f"SELECT ?r ?c WHERE {{ VALUES ?r {{ {iris(reports)} }} ?r <{FG.reportOf}> ?c }}")
    return {row["r"].value: row["c"].value for row in rows}  # type: ignore[union-attr]


def _canonical_facts(store: Queryable, graph: str, canonicals: set[str]) -> list[ox.Quad]:
    """Everything the events graph says of these canonical events, and the report links to them."""
    g = ox.NamedNode(graph)
    rows = store.query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ VALUES ?c {{ {iris(canonicals)} }}"
        f" {{ ?c ?p ?o BIND(?c AS ?s) }} UNION {{ ?s <{FG.reportOf}> ?c BIND(<{FG.reportOf}> AS ?p) BIND(?c AS ?o) }}"
        " } }"
    )
    return [ox.Quad(row["s"], row["p"], row["o"], g) for row in rows]  # type: ignore[union-attr, arg-type]
