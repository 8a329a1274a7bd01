"""Event reports as resolution sees them: one object per report, read by two flat SPARQL queries.

The same queries read a batch (loaded into a throwaway in-memory store) and the store (bounded by
firm and announcement window, or by the canonical events a report already belongs to), so a
report looks the same to resolution whichever side it comes from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pyoxigraph as ox

from firmgraph.graph.model.concepts import EVENT_CLASSES
from firmgraph.graph.model.namespaces import FG, RDF, RDFS, SCHEMA
from firmgraph.graph.model.terms import iris as iri_list
from firmgraph.graph.store import Queryable, Store

__all__ = [
    "Report",
    "Window",
    "read_reports",
    "reports_near",
    "reports_of_canonicals",
    "reports_of_docs",
    "source_quads",
]

_MULTI = {
    "types": "a",
    "reasons": f"<{FG.reason}>",
    "units": f"<{FG.affectedUnit}>",
    "parts": f"<{FG.partOf}>",
    "wholes": f"<{FG.aggregateOf}>",
    "previous": f"<{FG.previousEvent}>",
}
_SINGLE = {
    "jobs": FG.jobsCut,
    "share": FG.workforceShare,
    "before": FG.headcountBefore,
    "after": FG.headcountAfter,
    "target": FG.headcountTarget,
    "revised": FG.revisedFrom,
    "cost_min": FG.costMin,
    "cost_max": FG.costMax,
    "currency": FG.currency,
    "announced": FG.announced,
    "label": RDFS.label,
    "effective": FG.effectiveBy,
    "channel": FG.announcedVia,
}


@dataclass(frozen=True)
class Report:
    """What one source states about one event, as far as resolution needs it."""

    iri: str
    doc: str
    org: str
    published: str | None = None
    primary: bool = False
    """The event's firm is what the article is about (not a background mention)."""
    canonical: str | None = None
    """The canonical event the store resolved it to so far."""
    values: dict[str, ox.Literal | ox.NamedNode] = field(default_factory=dict, hash=False, compare=False)
    """Single-valued facts by short name (jobs, share, before, announced, channel ...)."""
    multi: dict[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)
    """Multi-valued facts by short name (types, reasons, units, parts, wholes, previous)."""

    def number(self, name: str) -> float | None:
        term = self.values.get(name)
        return float(term.value) if term is not None else None

    def text(self, name: str) -> str | None:
        term = self.values.get(name)
        return term.value if term is not None else None

    def many(self, name: str) -> frozenset[str]:
        return self.multi.get(name, frozenset())

    @property
    def aggregate(self) -> bool:
        """A cumulative figure over other events (never counted, never merged with a part)."""
        return bool(self.many("wholes"))

    @property
    def part(self) -> bool:
        """A share of a larger event (a subsidiary's or a site's part)."""
        return bool(self.many("parts"))


@dataclass(frozen=True)
class Window:
    """The days an announcement may fall on: stated (at its precision) or before the report's date."""

    start: date
    end: date
    stated: bool

    def meets(self, other: Window) -> bool:
        return self.start <= other.end and other.start <= self.end


def _heads_query(where: str) -> str:
    classes = ", ".join(f"<{c}>" for c in EVENT_CLASSES.values())
    return f"""SELECT ?r ?doc ?org (SAMPLE(?pub) AS ?published) (SAMPLE(?about) AS ?primary)
  (SAMPLE(?canonical) AS ?current) WHERE {{
  {where}
  GRAPH ?g {{ ?r <{FG.organization}> ?org ; <{FG.reportedIn}> ?doc ; a ?anytype . }}
  FILTER(?anytype IN ({classes}))
  OPTIONAL {{ ?doc <{SCHEMA.datePublished}> ?pub }}
  OPTIONAL {{ ?doc <{SCHEMA.about}> ?org BIND(true AS ?about) }}
  OPTIONAL {{ ?r <{FG.reportOf}> ?canonical }}
}} GROUP BY ?r ?doc ?org ORDER BY ?r"""


_PROPERTY = {str(prop): name for name, prop in _SINGLE.items()} | {
    path.strip("<>") if path != "a" else str(RDF.type): name for name, path in _MULTI.items()
}
_CHUNK = 400


def _facts(source: Queryable, reports: list[str]) -> dict[str, list[tuple[str, ox.Literal | ox.NamedNode]]]:
    """The facts resolution reads of each report: one flat query per chunk of reports.

    Flat on purpose: Oxigraph plans a query's OPTIONALs in time that grows faster than their
    number, and one OPTIONAL per fact made every lookup cost ~7 ms before it read a triple.
    """
    facts: dict[str, list[tuple[str, ox.Literal | ox.NamedNode]]] = {}
    properties = iri_list(_PROPERTY)
    for i in range(0, len(reports), _CHUNK):
        chunk = reports[i : i + _CHUNK]
        query = f"SELECT ?r ?p ?o WHERE {{ VALUES ?r {{ {iri_list(chunk)} }} VALUES ?p {{ {properties} }} ?r ?p ?o }}"
        for row in source.query(query):  # type: ignore[union-attr]
            facts.setdefault(row["r"].value, []).append((_PROPERTY[row["p"].value], row["o"]))  # type: ignore[index]
    return facts


def read_reports(source: Queryable, where: str = "") -> list[Report]:
    """The reports a graph pattern (`where`, binding ?r, ?org or ?doc) selects."""
    heads = list(source.query(_heads_query(where)))  # type: ignore[union-attr]
    facts = _facts(source, sorted({row["r"].value for row in heads}))  # type: ignore[index]
    reports = []
    for row in heads:
        iri = row["r"].value  # type: ignore[index]
        values: dict[str, ox.Literal | ox.NamedNode] = {}
        multi: dict[str, set[str]] = {name: set() for name in _MULTI}
        for name, term in sorted(facts.get(iri, []), key=lambda f: (f[0], str(f[1]))):
            if name in multi:
                multi[name].add(term.value)
            else:
                values.setdefault(name, term)
        published = row["published"]  # type: ignore[index]
        current = row["current"]  # type: ignore[index]
        reports.append(
            Report(
                iri=iri,
                doc=row["doc"].value,  # type: ignore[index]
                org=row["org"].value,  # type: ignore[index]
                published=published.value if published is not None else None,
                primary=row["primary"] is not None,  # type: ignore[index]
                canonical=current.value if current is not None else None,
                values=values,
                multi={name: frozenset(v for v in found if v) for name, found in multi.items()},
            )
        )
    return reports


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {iri_list(iris)} }}"


def reports_near(store: Queryable, org: str, windows: list[Window | None], margin: int) -> list[Report]:
    """The store's reports of `org` whose announcement could meet one of `windows` (None: any date).

    Bounded: the firm's reports only, filtered by the span of the windows (padded by `margin` days),
    so the lookup does not grow with the store, only with the firm's reports in that span.
    """
    where = _values("org", [org])
    if all(w is not None for w in windows) and windows:
        lo = min(w.start for w in windows if w) - timedelta(days=margin)  # type: ignore[union-attr]
        hi = max(w.end for w in windows if w) + timedelta(days=margin)  # type: ignore[union-attr]
        where += (
            f"\n  ?r <{FG.organization}> ?org . OPTIONAL {{ ?r <{FG.announced}> ?a0 }}"
            f" OPTIONAL {{ ?r <{FG.reportedIn}>/<{SCHEMA.datePublished}> ?p0 }}"
            f' BIND(STR(COALESCE(?a0, ?p0, "")) AS ?w0)'
            f' FILTER(?w0 = "" || (STRLEN(?w0) = 4 && ?w0 >= "{lo.year}" && ?w0 <= "{hi.year}")'
            f' || (STRLEN(?w0) > 4 && SUBSTR(?w0, 1, 7) >= "{lo.isoformat()[:7]}"'
            f' && SUBSTR(?w0, 1, 7) <= "{hi.isoformat()[:7]}"))'
        )
    return read_reports(store, where)


def reports_of_canonicals(store: Queryable, canonicals: Iterable[str]) -> list[Report]:
    """Every report the store resolves to one of these canonical events."""
    chosen = set(canonicals)
    if not chosen:
        return []
    return read_reports(store, f"{_values('c', chosen)} ?r <{FG.reportOf}> ?c .")


def reports_of_docs(store: Queryable, docs: Iterable[str]) -> list[Report]:
    """The reports the store holds from these source documents (before they are replaced)."""
    chosen = set(docs)
    if not chosen:
        return []
    return read_reports(store, f"{_values('doc', chosen)}")


def source_quads(store: Store, reports: Iterable[str]) -> list[ox.Quad]:
    """Everything the source graphs of these reports hold (to resolve them again, as at their import)."""
    chosen = set(reports)
    if not chosen:
        return []
    rows = store.query(
        f"SELECT DISTINCT ?g WHERE {{ {_values('r', chosen)} GRAPH ?g {{ ?r a <{FG.EventReport}> }} }} ORDER BY ?g"
    )
    return [q for row in rows for q in store.quads(row["g"].value)]  # type: ignore[union-attr]
