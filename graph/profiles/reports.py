"""Events as their sources report them, and reports of one wave of cuts compared source by source.

Each report holds an event's comparable figures (MEASURES) with their evidence; `compare` groups the
reports of one firm that fall within WAVE_DAYS of each other and marks measures the sources disagree on.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from firmgraph.graph.model.namespaces import FG
from firmgraph.graph.profiles.facts import (
    Fact,
    Ref,
    Source,
    Value,
    evidence_for,
    iri_list,
    label_map,
    sources,
    value_of,
)
from firmgraph.graph.sparql.results import select
from firmgraph.graph.store import Queryable

__all__ = ["MEASURES", "WAVE_DAYS", "Comparison", "EventReport", "compare", "event_reports"]

MEASURES = (
    FG.jobsCut,
    FG.workforceShare,
    FG.headcountBefore,
    FG.headcountAfter,
    FG.headcountTarget,
    FG.costMin,
    FG.costMax,
    FG.currency,
    FG.announced,
    FG.effectiveBy,
)
"""The direct facts of an event that reports compare side by side."""
WAVE_DAYS = 31
"""Reports of one firm's events less than this many days apart are taken to be about the same wave."""


@dataclass
class EventReport:
    """One event as one source reports it: its facts with their evidence."""

    event: Ref
    kind: str
    source: Source | None
    day: str | None
    facts: list[Fact]
    canonical: str | None = None
    """The canonical event it is a report of (reports of one are compared side by side)."""

    def value(self, measure: str) -> Fact | None:
        return next((f for f in self.facts if f.prop.iri == measure), None)


@dataclass
class Comparison:
    """Reports of one wave of cuts from different sources, measure by measure."""

    reports: list[EventReport]
    rows: list[tuple[Ref, list[Fact | None], bool]]
    """(measure, the fact in each report or None, whether the sources disagree)"""


def event_reports(
    store: Queryable, *, firm: str | None = None, events: list[str] | None = None
) -> list[EventReport]:
    """Events of a firm (or the given events), newest first, each with its facts and their evidence."""
    if firm is not None:  # what the sources report (the canonical events are what they report of)
        pattern = f"?e fg:organization {ox.NamedNode(firm)} ; fg:reportedIn ?d"
    else:
        pattern = f"VALUES ?e {{ {iri_list(events or [])} }}"
    rows = select(
        store,
        f"""SELECT ?e ?type ?doc ?announced ?published ?canonical WHERE {{ {pattern} . ?e a ?type .
              FILTER(STRSTARTS(STR(?type), STR(fg:)) && ?type != fg:EventReport)
              OPTIONAL {{ ?e fg:reportOf ?canonical }}
              OPTIONAL {{ ?e fg:reportedIn ?doc OPTIONAL {{ ?doc schema:datePublished ?published }} }}
              OPTIONAL {{ ?e fg:announced ?announced }} }} LIMIT 2000""",
    )
    if not rows:
        return []
    iris = sorted({r["e"].value for r in rows})
    labels = label_map(store, iris + [r["type"].value for r in rows])
    docs = sources(store, (r["doc"].value for r in rows if "doc" in r))
    facts = _event_facts(store, iris)
    reports: dict[str, EventReport] = {}
    for row in rows:
        iri = row["e"].value
        doc = docs.get(row["doc"].value) if "doc" in row else None
        day = (row.get("announced") or row.get("published") or ox.Literal("")).value or None
        canonical = row["canonical"].value if "canonical" in row else None
        report = reports.setdefault(
            iri,
            EventReport(
                Ref(iri, labels[iri]), labels[row["type"].value], doc, day, facts.get(iri, []), canonical
            ),
        )
        if report.kind != labels[row["type"].value]:
            report.kind = min(report.kind, labels[row["type"].value])
    return sorted(reports.values(), key=lambda r: (r.day or "", r.event.iri), reverse=True)


def _event_facts(store: Queryable, events: list[str]) -> dict[str, list[Fact]]:
    """The comparable facts (MEASURES) of events, with figure details and evidence."""
    measures = iri_list(str(m) for m in MEASURES)
    rows = select(
        store,
        f"""SELECT ?e ?p ?o ?approximate ?scope WHERE {{ VALUES ?e {{ {iri_list(events)} }} VALUES ?p {{ {measures} }}
              ?e ?p ?o .
              OPTIONAL {{ ?e fg:figure ?f . ?f fg:measure ?p .
                OPTIONAL {{ ?f fg:approximate ?approximate }} OPTIONAL {{ ?f fg:scope ?scope }} }} }}""",
    )
    labels = label_map(store, [str(m) for m in MEASURES] + [r["scope"].value for r in rows if "scope" in r])
    evidence = evidence_for(store, events)
    found: dict[str, dict[str, Fact]] = defaultdict(dict)
    for row in rows:
        event, prop = row["e"].value, row["p"].value
        fact = found[event].setdefault(
            prop, Fact(Ref(prop, labels[prop]), evidence=evidence.get((event, prop), []))
        )
        value = value_of(row["o"], labels, prop)
        approximate = "approximate" in row and row["approximate"].value in ("true", "1")
        scope = labels[row["scope"].value] if "scope" in row else None
        fact.values.append(Value(value.text, value.iri, value.datatype, value.language, approximate, scope))
    order = {str(m): i for i, m in enumerate(MEASURES)}
    return {e: sorted(fs.values(), key=lambda f: order[f.prop.iri]) for e, fs in found.items()}


def _day(text: str | None) -> date | None:
    """A date of any precision the model allows (2026, 2026-09, 2026-09-30) as its first day."""
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        return date(
            int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
        )
    except ValueError:
        return None


def compare(reports: list[EventReport]) -> list[Comparison]:
    """Group the reports of one canonical event (resolution decided they describe the same event) and
    compare them; reports not resolved (RDF imports) group by WAVE_DAYS as before.

    Only groups with at least two sources are kept; a row is marked when the sources give different values.
    """
    by_event: dict[str, list[EventReport]] = defaultdict(list)
    for r in reports:
        if r.canonical:
            by_event[r.canonical].append(r)
    groups: list[list[EventReport]] = [g for _, g in sorted(by_event.items())]
    loose = [(d, r) for r in reports if not r.canonical and (d := _day(r.day)) is not None]
    first: date | None = None
    for day, report in sorted(loose, key=lambda item: item[0]):
        if first is None or (day - first).days >= WAVE_DAYS:
            groups.append([])
            first = day
        groups[-1].append(report)
    comparisons = []
    for group in groups:
        if len({r.source.iri if r.source else r.event.iri for r in group}) < 2:
            continue
        rows = []
        for measure in MEASURES:
            cells = [r.value(str(measure)) for r in group]
            if all(c is None for c in cells):
                continue
            label = next(c.prop for c in cells if c is not None)
            rows.append((label, cells, _disagree(group, cells)))
        comparisons.append(Comparison(group, rows))
    return comparisons


def _disagree(reports: list[EventReport], cells: list[Fact | None]) -> bool:
    """Whether two sources give values for a measure with none in common.

    A source may report several events in one wave (a new cut and an earlier one): it disagrees
    with another source only if the two share no value at all.
    """
    by_source: dict[str, set[str]] = defaultdict(set)
    for report, cell in zip(reports, cells, strict=True):
        if cell is not None:
            key = report.source.iri if report.source else report.event.iri
            by_source[key] |= {v.text for v in cell.values}
    values = list(by_source.values())
    return any(not (a & b) for i, a in enumerate(values) for b in values[i + 1 :])
