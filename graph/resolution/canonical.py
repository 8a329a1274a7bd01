"""The canonical event of a cluster of reports: its IRI and the direct ("truthy") values queries see.

The rule, per property, among the reports that state a value:
1. the most authoritative source wins: a filing or press release, then the firm's own words
   (memo, blog post, statement, interview), then a news report about the firm, then a background
   mention in an article about something else;
2. among equally authoritative reports, the later one wins (a revision beats an earlier figure
   of the same programme);
3. then the value most reports give; then the smallest value, so the choice is deterministic.
`announced` prefers the finest precision, then the earliest date (when the programme was first
made public). Costs come as a pair from one report; reasons and units from the most
authoritative reports that state any. Every report keeps its own values in its source graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pyoxigraph as ox

from firmgraph.graph.model.concepts import EVENT_CLASSES, EVENT_TYPE_LABELS, channel_concept
from firmgraph.graph.model.iris import entity_iri, opaque_key
from firmgraph.graph.model.namespaces import FG, RDF, RDFS, XSD
from firmgraph.graph.resolution.reports import Report

__all__ = ["authority", "canonical_iri", "canonical_quads", "choose"]

_FIRST_HAND = {c for c in (channel_concept("sec_filing"), channel_concept("press_release")) if c}
_GENERIC = {str(FG.RestructuringEvent), str(FG.EventReport), str(FG.WorkforceReduction)}
_LABELS = {v: EVENT_TYPE_LABELS[k] for k, v in EVENT_CLASSES.items()}
_DIRECT = {
    "jobs": FG.jobsCut,
    "share": FG.workforceShare,
    "before": FG.headcountBefore,
    "after": FG.headcountAfter,
    "target": FG.headcountTarget,
    "currency": FG.currency,
    "channel": FG.announcedVia,
}


def authority(report: Report) -> int:
    """3 filing or press release, 2 the firm's own channel, 1 news about the firm, 0 a background mention."""
    channel = report.text("channel")
    if channel in _FIRST_HAND:
        return 3
    if channel:
        return 2
    return 1 if report.primary else 0


def canonical_iri(base: str, members: Sequence[Report]) -> str:
    """Named after its first report by IRI: the same in whatever order the reports arrived."""
    return entity_iri(base, "event", opaque_key("canonical", min(r.iri for r in members)))


def choose(
    members: Iterable[Report], value: Callable[[Report], str | None], *, earliest: bool = False
) -> Report | None:
    """The report whose value wins by the module's rule (None when no report states one)."""
    stating = [(r, v) for r in members if (v := value(r))]
    if not stating:
        return None
    counts: dict[str, int] = {}
    for _, v in stating:
        counts[v] = counts.get(v, 0) + 1
    if earliest:  # dates: finest precision, then authority, then the earliest
        return min(stating, key=lambda rv: (-len(rv[1]), -authority(rv[0]), rv[1], rv[0].iri))[0]
    return max(
        stating,
        key=lambda rv: (authority(rv[0]), rv[0].published or "", counts[rv[1]], _neg(rv[1]), rv[0].iri),
    )[0]


def _neg(text: str) -> float:
    try:
        return -float(text)
    except ValueError:
        return 0.0


def _type(members: Sequence[Report]) -> str:
    def specific(r: Report) -> str | None:
        found = sorted(r.many("types") - _GENERIC)
        return found[0] if found else None

    best = choose(members, specific)
    return specific(best) if best else str(FG.RestructuringEvent)  # type: ignore[return-value]


def canonical_quads(
    base: str, graph: str, members: Sequence[Report], canonical_of: dict[str, str], notes: list[str]
) -> list[ox.Quad]:
    """The canonical event's quads in the events graph: type, firm, chosen values, links, reports.

    `canonical_of` maps report IRIs to their canonical events (for part-of, aggregate and
    previous-event links between canonical events).
    """
    iri = ox.NamedNode(canonical_iri(base, members))
    g = ox.NamedNode(graph)
    quads: list[ox.Quad] = []

    def add(p: object, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(iri, ox.NamedNode(str(p)), o, g))

    kind = _type(members)
    add(RDF.type, ox.NamedNode(str(FG.CanonicalEvent)))
    add(RDF.type, ox.NamedNode(kind))
    add(FG.organization, ox.NamedNode(members[0].org))
    for name, prop in _DIRECT.items():
        best = choose(members, lambda r, n=name: r.text(n))  # type: ignore[misc]
        if best is not None:
            add(prop, best.values[name])  # type: ignore[arg-type]
    costly = choose(members, lambda r: r.text("cost_min"))
    if costly is not None:
        for name, prop in (("cost_min", FG.costMin), ("cost_max", FG.costMax)):
            if name in costly.values:
                add(prop, costly.values[name])  # type: ignore[arg-type]
    announced = choose(members, lambda r: r.text("announced"), earliest=True)
    start = announced.text("announced") if announced else None
    if announced is not None:
        add(FG.announced, announced.values["announced"])  # type: ignore[arg-type]
    later = [r for r in members if not start or _not_before(r.text("effective"), start)]
    effective = choose(later, lambda r: r.text("effective"))
    if effective is not None:
        add(FG.effectiveBy, effective.values["effective"])  # type: ignore[arg-type]
    for name, prop in (("reasons", FG.reason), ("units", FG.affectedUnit)):
        stating = [r for r in members if r.many(name)]
        if stating:
            top = max(authority(r) for r in stating)
            for value in sorted(set().union(*(r.many(name) for r in stating if authority(r) == top))):
                add(prop, ox.NamedNode(value))
    days = sorted(r.published for r in members if r.published and len(r.published) == 10)
    if days:
        add(FG.firstReported, ox.Literal(days[0], datatype=ox.NamedNode(str(XSD.date))))
    for name, prop in (("parts", FG.partOf), ("wholes", FG.aggregateOf), ("previous", FG.previousEvent)):
        targets = {canonical_of[t] for r in members for t in r.many(name) if t in canonical_of}
        for target in sorted(targets - {iri.value}):
            add(prop, ox.NamedNode(target))
    add(RDFS.label, ox.Literal(_label(members, kind, quads), language="en"))
    for r in members:
        add(FG.reports, ox.NamedNode(r.iri))
        quads.append(ox.Quad(ox.NamedNode(r.iri), ox.NamedNode(str(FG.reportOf)), iri, g))
    for note in notes:
        add(FG.resolutionNote, ox.Literal(note))
    return quads


def _not_before(effective: str | None, announced: str) -> bool:
    if not effective:
        return False
    n = min(len(effective), len(announced))
    return effective[:n] >= announced[:n]


def _label(members: Sequence[Report], kind: str, quads: list[ox.Quad]) -> str:
    firm = next((r.text("label") or "" for r in members if r.text("label")), "").split(":")[0] or "event"
    jobs = next((q.object.value for q in quads if q.predicate.value == str(FG.jobsCut)), None)
    figure = f" ({int(jobs):,} jobs)" if jobs else ""
    return f"{firm}: {_LABELS.get(kind, 'restructuring')}{figure}"
