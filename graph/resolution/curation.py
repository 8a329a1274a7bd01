"""A curator's review and corrections of event resolution: list, merge, split.

Decisions are pairs of reports (`fg:sameEventAs`, `fg:distinctEventFrom`) in the curation graph.
Resolution reads them on every import, so they survive re-imports and re-resolution; merging or
splitting writes the decision, then resolves the two reports' sources again at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from firmgraph.graph.errors import InputError
from firmgraph.graph.model.iris import curation_graph_iri
from firmgraph.graph.model.namespaces import FG, SCHEMA
from firmgraph.graph.resolution.events import resolve_events
from firmgraph.graph.resolution.reports import source_quads
from firmgraph.graph.store import Commit, Store

__all__ = ["CanonicalSummary", "canonical_events", "curate"]


@dataclass
class CanonicalSummary:
    """One canonical event as a curator reviews it: what it says, its reports and why they joined."""

    iri: str
    firm: str
    label: str
    jobs_cut: int | None
    reports: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "event": self.iri,
            "firm": self.firm,
            "label": self.label,
            "jobs_cut": self.jobs_cut,
            "reports": self.reports,
            "why": self.notes,
        }


def canonical_events(
    store: Store, *, firm: str | None = None, merged_only: bool = False
) -> list[CanonicalSummary]:
    """The canonical events (of a firm, by name, case-insensitive), each with its reports and notes."""
    firm_filter = f"FILTER(LCASE(STR(?firm)) = {ox.Literal(firm.lower())})" if firm else ""
    rows = store.query(
        f"SELECT ?c ?firm ?label ?jobs ?r ?note WHERE {{ ?c a <{FG.CanonicalEvent}> ; <{FG.organization}> ?o ;"
        f" <{FG.reports}> ?r . ?o <{SCHEMA.name}> ?firm . {firm_filter}"
        f" OPTIONAL {{ ?c <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"
        f" OPTIONAL {{ ?c <{FG.jobsCut}> ?jobs }} OPTIONAL {{ ?c <{FG.resolutionNote}> ?note }} }}"
        " ORDER BY ?firm ?c ?r"
    )
    found: dict[str, CanonicalSummary] = {}
    for row in rows:  # type: ignore[union-attr]
        iri = row["c"].value
        summary = found.get(iri)
        if summary is None:
            jobs = row["jobs"]
            summary = found[iri] = CanonicalSummary(
                iri,
                row["firm"].value,
                row["label"].value if row["label"] else "",
                int(jobs.value) if jobs else None,
            )
        if row["r"].value not in summary.reports:
            summary.reports.append(row["r"].value)
        if row["note"] is not None and row["note"].value not in summary.notes:
            summary.notes.append(row["note"].value)
    events = list(found.values())
    return [e for e in events if len(e.reports) > 1] if merged_only else events


def curate(store: Store, base: str, a: str, b: str, *, same: bool) -> dict[str, str]:
    """Record that reports (or canonical events) a and b are one event (same) or two, and re-resolve them.

    Returns the canonical event each of their reports belongs to now.
    """
    left, right = _reports(store, a), _reports(store, b)
    if set(left) & set(right) and not same:
        raise InputError(f"{a} and {b} are the same report: nothing to split")
    ours, theirs = (FG.sameEventAs, FG.distinctEventFrom) if same else (FG.distinctEventFrom, FG.sameEventAs)
    graph = ox.NamedNode(curation_graph_iri(base))
    pairs = [(x, y) for x in left for y in right if x != y]
    # a merge needs one link (resolution joins the rest); a split every pair, or a third report rejoins them
    add = [
        ox.Quad(ox.NamedNode(x), ox.NamedNode(str(ours)), ox.NamedNode(y), graph)
        for x, y in pairs[: 1 if same else None]
    ]
    remove = [
        ox.Quad(ox.NamedNode(p), ox.NamedNode(str(theirs)), ox.NamedNode(q), graph)
        for x, y in pairs
        for p, q in ((x, y), (y, x))
    ]
    store.commit(Commit(add=add, remove=remove))
    events = resolve_events(store, base, source_quads(store, left + right))
    store.commit(Commit(add=events.add, remove=events.remove))
    return {r: events.canonical_of[r] for r in left + right}


def _reports(store: Store, iri: str) -> list[str]:
    """The reports an IRI stands for: itself if it is a report, its reports if it is a canonical event."""
    node = ox.NamedNode(iri)
    rows = store.query(
        f"SELECT ?r WHERE {{ {{ {node} a <{FG.EventReport}> BIND({node} AS ?r) }}"
        f" UNION {{ {node} <{FG.reports}> ?r }} }} ORDER BY ?r"
    )
    found = sorted({row["r"].value for row in rows})  # type: ignore[union-attr]
    if not found:
        raise InputError(
            f"{iri} is neither an event report nor a canonical event; `firmgraph events list` shows them"
        )
    return found
