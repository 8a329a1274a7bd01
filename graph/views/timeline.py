"""Restructuring events per firm over time, grouped into waves: a self-contained HTML page and an image.

A wave is a firm's events that start within `window_days` of the wave's first event. The events
are canonical events (one per real-world event, however many articles report it), counted as
`sparql.counting` defines: events that sum up others (`fg:aggregateOf`) are shown but never
counted, and a part (`fg:partOf`) counts inside its whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyoxigraph as ox

from firmgraph.graph.errors import InputError, NotFoundError
from firmgraph.graph.model.namespaces import sparql_prologue
from firmgraph.graph.sparql.names import looks_like_iri, resolve
from firmgraph.graph.views.filters import (
    EVENT_CLASSES,
    Filters,
    Runner,
    iri_list,
    local_name,
    parse_day_lenient,
    parse_iri,
)
from firmgraph.graph.views.waves import TimelineEvent, total_jobs, wave_jobs, waves

__all__ = ["Timeline", "TimelineEvent", "firm_timeline", "total_jobs", "wave_jobs", "waves"]

TIMELINE_ROW_LIMIT = 500_000
FRAME_COLUMNS = [
    "firm", "firm_name", "event", "label", "type", "jobs_cut", "announced", "reported", "effective_by",
    "start", "reasons", "aggregate", "wave",
]  # fmt: skip


def timeline_query(firms: Sequence[str], filters: Filters, limit: int) -> str:
    scope = f"VALUES ?firm {{ {' '.join(str(ox.NamedNode(f)) for f in firms)} }}" if firms else ""
    passes = f"FILTER EXISTS {{ {filters.event_pattern('?event')} }}" if filters.active else ""
    return (
        sparql_prologue(["fg", "org", "schema", "rdfs"])
        + "SELECT ?event ?firm ?name ?type ?jobs ?announced ?effective ?reported ?label ?reason ?part ?whole WHERE {\n"
        + f"  {scope} ?event fg:organization ?org . ?org org:subOrganizationOf* ?firm .\n"
        + f"  ?event a fg:CanonicalEvent, ?type . FILTER(?type IN ({iri_list(EVENT_CLASSES)})) {passes}\n"
        + "  FILTER NOT EXISTS { ?firm org:subOrganizationOf ?up }\n"
        + "  OPTIONAL { ?firm schema:name ?name } OPTIONAL { ?event fg:jobsCut ?jobs }\n"
        + "  OPTIONAL { ?event fg:announced ?announced } OPTIONAL { ?event fg:effectiveBy ?effective }\n"
        + "  OPTIONAL { ?event fg:firstReported ?reported } OPTIONAL { ?event rdfs:label ?label }\n"
        + "  OPTIONAL { ?event fg:reason ?reason } OPTIONAL { ?event fg:aggregateOf ?part }\n"
        + "  OPTIONAL { ?event fg:partOf ?whole }\n"
        + f"}}\nLIMIT {int(limit)}\n"
    )


def firm_timeline(
    run: Runner,
    firms: str | Sequence[str] | None = None,
    filters: Filters | None = None,
    *,
    window_days: int = 30,
    max_firms: int = 30,
    limit: int = TIMELINE_ROW_LIMIT,
) -> Timeline:
    """The events of the given firms (IRIs or names; units count for their parent), or of the firms that cut most.

    Raises NotFoundError when a given firm has no events that pass the filters.
    """
    given = [f for f in ([firms] if isinstance(firms, str) else firms or []) if f.strip()]
    chosen = [
        parse_iri(f, "firm") if looks_like_iri(f) else resolve(run, f, kinds=("org",), what="firm")
        for f in given
    ]
    if len(chosen) > 100:
        raise InputError("a timeline shows at most 100 firms")
    filters = filters or Filters()
    rows: dict[str, dict[str, Any]] = {}
    for row in run(timeline_query(chosen, filters, limit)):
        iri = row["event"].value
        entry = rows.setdefault(
            iri, {"firm": row["firm"].value, "types": set(), "reasons": set(), "parts": set()}
        )
        entry["types"].add(row["type"].value)
        for key in ("name", "jobs", "announced", "effective", "label", "whole"):
            if row[key] is not None and key not in entry:
                entry[key] = row[key].value
        if row["reported"] is not None:
            day = parse_day_lenient(row["reported"].value)
            if day and (entry.get("reported") is None or day < entry["reported"]):
                entry["reported"] = day
        if row["reason"] is not None:
            entry["reasons"].add(local_name(row["reason"].value))
        if row["part"] is not None:
            entry["parts"].add(row["part"].value)
    events = [
        TimelineEvent(
            iri=iri,
            firm=e["firm"],
            firm_name=e.get("name") or local_name(e["firm"]),
            label=e.get("label") or local_name(iri),
            event_type=local_name(max(e["types"], key=len)),
            jobs_cut=int(e["jobs"]) if e.get("jobs") else None,
            announced=e.get("announced"),
            reported=e.get("reported"),
            effective_by=e.get("effective"),
            reasons=tuple(sorted(e["reasons"])),
            parts=tuple(sorted(e["parts"])),
            whole=e.get("whole"),
        )
        for iri, e in rows.items()
    ]
    missing = set(chosen) - {e.firm for e in events}
    if missing:
        raise NotFoundError(f"no events for {', '.join(sorted(missing))}")
    timeline = Timeline(events, window_days)
    if not chosen and len(timeline.firms()) > max_firms:
        keep = set(timeline.totals().head(max_firms)["firm"])
        timeline = Timeline([e for e in events if e.firm in keep], window_days)
    return timeline


# -- the timeline -----------------------------------------------------------------------------------


@dataclass
class Timeline:
    """Events by firm, with waves; render it with to_html(), to_svg() or save(path) (.html, .svg)."""

    events: list[TimelineEvent]
    window_days: int = 30
    _waves: dict[str, list[list[TimelineEvent]]] = field(default_factory=dict, repr=False)

    def firms(self) -> list[str]:
        """Firm IRIs, by their first event."""
        first: dict[str, date] = {}
        for e in self.events:
            start = e.start or date.max
            first[e.firm] = min(first.get(e.firm, date.max), start)
        return sorted(first, key=lambda f: (first[f], f))

    def waves(self, firm: str) -> list[list[TimelineEvent]]:
        """A firm's waves of cuts, oldest first."""
        if firm not in self._waves:
            self._waves[firm] = waves([e for e in self.events if e.firm == firm], self.window_days)
        return self._waves[firm]

    def frame(self) -> pd.DataFrame:
        """One row per event, with its wave number (0 for aggregates)."""
        wave_of = {e.iri: n for f in self.firms() for n, w in enumerate(self.waves(f), 1) for e in w}
        rows = [
            {
                "firm": e.firm,
                "firm_name": e.firm_name,
                "event": e.iri,
                "label": e.label,
                "type": e.event_type,
                "jobs_cut": e.jobs_cut,
                "announced": e.announced,
                "reported": e.reported,
                "effective_by": e.effective_by,
                "start": e.start,
                "reasons": ", ".join(e.reasons),
                "aggregate": bool(e.parts),
                "wave": wave_of.get(e.iri, 0),
            }
            for e in self.events
        ]
        frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
        return frame.sort_values(["firm_name", "start", "event"], na_position="last").reset_index(drop=True)

    def totals(self) -> pd.DataFrame:
        """Firms with their number of waves and jobs cut (each wave's figures once), largest first."""
        rows = []
        for firm in self.firms():
            firm_waves = self.waves(firm)
            name = next(e.firm_name for e in self.events if e.firm == firm)
            rows.append(
                {
                    "firm": firm,
                    "name": name,
                    "waves": len(firm_waves),
                    "jobs_cut": sum(map(wave_jobs, firm_waves)),
                }
            )
        frame = pd.DataFrame(rows, columns=["firm", "name", "waves", "jobs_cut"])
        return frame.sort_values(["jobs_cut", "name"], ascending=[False, True]).reset_index(drop=True)

    def to_html(
        self,
        *,
        title: str = "Restructuring timeline",
        controls: str = "",
        link_base: str = "/",
        base_iri: str | None = None,
    ) -> str:
        """A self-contained page: the chart, the waves and the events (`controls`: trusted form markup)."""
        from firmgraph.graph.views.charts import timeline_page

        return timeline_page(self, title=title, controls=controls, link_base=link_base, base_iri=base_iri)

    def to_svg(self, *, link_base: str = "/", base_iri: str | None = None) -> str:
        """The chart as a standalone SVG image (for reports)."""
        from firmgraph.graph.views.charts import timeline_svg

        return timeline_svg(self, link_base=link_base, base_iri=base_iri)

    def save(self, path: str | Path, **options: Any) -> Path:
        """Write the timeline as .html (a page) or .svg (an image)."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix in (".html", ".htm"):
            target.write_text(self.to_html(**options), encoding="utf-8")
        elif suffix == ".svg":
            target.write_text(self.to_svg(**options), encoding="utf-8")
        else:
            raise InputError(f"a timeline is saved as .html or .svg, not {suffix or 'no suffix'}")
        return target

    def _name(self, firm: str) -> str:
        return next((e.firm_name for e in self.events if e.firm == firm), local_name(firm))

    def _repr_html_(self) -> str:
        from firmgraph.graph.views.pages import iframe

        return iframe(self.to_html(), height=120 + 60 * len(self.firms()))
