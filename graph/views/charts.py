"""The timeline drawn as SVG (written directly: no plotting library) and its self-contained page."""

from __future__ import annotations

import html
import math
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from firmgraph.graph.views.pages import entity_link, page
from firmgraph.graph.views.waves import TimelineEvent, wave_jobs

if TYPE_CHECKING:
    from firmgraph.graph.views.timeline import Timeline

__all__ = ["timeline_page", "timeline_svg"]

LANE = 56
LEFT = 170
WIDTH = 980
TOP = 40
RED = "#d62728"
SVG_NS = ' xmlns="http://www.w3.org/2000/svg"'


def _ticks(first: date, last: date) -> list[date]:
    """First days of months (or of years, for long spans) between first and last."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = 1 if months <= 18 else 3 if months <= 48 else 12
    if step == 12:
        return [date(y, 1, 1) for y in range(first.year + 1, last.year + 1)]
    ticks, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        if (m - 1) % step == 0 and date(y, m, 1) >= first:
            ticks.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return ticks


def timeline_svg(timeline: Timeline, *, link_base: str = "/", base_iri: str | None = None) -> str:
    """A lane per firm; a dot per event (area by jobs cut; filled when announced, open when only reported);
    a grey line to the completion date; a band behind each wave of reports."""
    firms = timeline.firms()
    days = [d for e in timeline.events for d in (e.start, e.end) if d]
    height = TOP + LANE * max(len(firms), 1) + 30
    out = [
        f'<svg{SVG_NS} width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12" role="img">',
        "<title>Restructuring events per firm</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
        f'<text x="{LEFT}" y="16" font-size="11" fill="#555">filled: announced · open: first reported · '
        "line: to completion · band: one wave</text>",
    ]
    if not days:
        out.append(f'<text x="{LEFT}" y="{TOP + 20}">no dated events</text></svg>')
        return "\n".join(out)
    first, last = min(days), max(days)
    pad = max((last - first).days * 0.04, 15)
    lo, span = first.toordinal() - pad, (last - first).days + 2 * pad

    def x(day: date) -> float:
        return round(LEFT + (WIDTH - LEFT - 30) * (day.toordinal() - lo) / span, 1)

    bottom = TOP + LANE * len(firms)
    for tick in _ticks(first, last):
        label = tick.strftime("%Y" if tick.month == 1 and (last - first).days > 1500 else "%b %Y")
        out.append(f'<line x1="{x(tick)}" x2="{x(tick)}" y1="{TOP - 8}" y2="{bottom}" stroke="#eee"/>')
        out.append(f'<text x="{x(tick)}" y="{bottom + 16}" text-anchor="middle" fill="#555">{label}</text>')
    peak = max((e.jobs_cut or 0 for e in timeline.events), default=0) or 1
    for lane, firm in enumerate(firms):
        y = TOP + LANE * lane + LANE / 2
        name = next(e.firm_name for e in timeline.events if e.firm == firm)
        out.append(
            f'<text x="{LEFT - 10}" y="{y + 4}" text-anchor="end" font-weight="bold">{html.escape(name[:24])}</text>'
        )
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - 30}" y1="{y}" y2="{y}" stroke="#ddd"/>')
        for number, wave in enumerate(timeline.waves(firm), 1):
            starts = [e.start for e in wave if e.start]
            if starts:
                x0, x1 = x(min(starts)), x(max(starts))
                out.append(
                    f'<rect class="wave" x="{x0 - 12}" y="{y - 14}" width="{x1 - x0 + 24}" height="28" rx="14" '
                    f'fill="#f4cccc" opacity="0.6"><title>{html.escape(name)}: wave {number}, '
                    f"{wave_jobs(wave):,} jobs cut</title></rect>"
                )
            labelled: set[int] = set()
            for e in wave:
                if e.start:
                    out.append(_event(e, x, y, peak, link_base, base_iri, label=e.jobs_cut not in labelled))
                    labelled.add(e.jobs_cut or 0)
        if not any(e.start for e in timeline.events if e.firm == firm):
            out.append(f'<text x="{LEFT + 6}" y="{y - 6}" font-size="10" fill="#888">no dated events</text>')
    out.append("</svg>")
    return "\n".join(out)


def _event(
    e: TimelineEvent, x: object, y: float, peak: int, link_base: str, base_iri: str | None, *, label: bool
) -> str:
    """One event's dot (linked to its page), its completion line, and its figure when `label`."""
    assert e.start is not None
    at = x(e.start)  # type: ignore[operator]
    parts = []
    if e.end and e.end > e.start:
        end = x(e.end)  # type: ignore[operator]
        parts.append(f'<line x1="{at}" x2="{end}" y1="{y}" y2="{y}" stroke="#999" stroke-width="1.5"/>')
        parts.append(
            f'<line x1="{end}" x2="{end}" y1="{y - 7}" y2="{y + 7}" stroke="#555" stroke-width="2"/>'
        )
    radius = round(4 + 14 * math.sqrt((e.jobs_cut or 0) / peak), 1)
    fill = RED if e.announced else "white"
    facts = [e.label, e.event_type]
    facts += [f"announced {e.announced}"] if e.announced else []
    facts += [f"first reported {e.reported}"] if e.reported else []
    facts += [f"completed by {e.effective_by}"] if e.effective_by else []
    facts += [f"reasons: {', '.join(e.reasons)}"] if e.reasons else []
    dot = (
        f'<circle class="event" cx="{at}" cy="{y}" r="{radius}" fill="{fill}" stroke="{RED}" stroke-width="1.5">'
        f"<title>{html.escape(' · '.join(facts))}</title></circle>"
    )
    link = entity_link(e.iri, base_iri, link_base)
    parts.append(f'<a href="{html.escape(link, quote=True)}">{dot}</a>' if link else dot)
    if e.jobs_cut and label:
        parts.append(
            f'<text x="{at}" y="{y - radius - 4}" text-anchor="middle" font-size="10">{e.jobs_cut:,}</text>'
        )
    return "".join(parts)


def timeline_page(
    timeline: Timeline,
    *,
    title: str = "Restructuring timeline",
    controls: str = "",
    link_base: str = "/",
    base_iri: str | None = None,
) -> str:
    """The chart, each firm's waves and jobs cut, and the events, in one page without external URLs."""
    totals = timeline.totals()
    rows = "".join(
        f"<tr><td>{html.escape(str(r.name))}</td><td>{r.waves}</td><td>{r.jobs_cut:,}</td></tr>"
        for r in totals.itertuples(index=False)
    )
    events = []
    for r in timeline.frame().itertuples(index=False):
        link = entity_link(r.event, base_iri, link_base)
        label = html.escape(str(r.label))
        cell = f'<a href="{html.escape(link, quote=True)}">{label}</a>' if link else label
        jobs = "" if pd.isna(r.jobs_cut) else f"{int(r.jobs_cut):,}"
        values = [r.firm_name, r.type, r.announced, r.reported, r.effective_by, r.reasons]
        wave = "sum of others" if r.aggregate else r.wave
        cells = "".join(f"<td>{'' if pd.isna(v) else html.escape(str(v))}</td>" for v in values)
        events.append(f'<tr class="event-row"><td>{cell}</td>{cells}<td>{jobs}</td><td>{wave}</td></tr>')
    # inside HTML the SVG namespace is implied: the page then holds no URL at all
    chart = timeline_svg(timeline, link_base=link_base, base_iri=base_iri).replace(SVG_NS, "", 1)
    body = (
        f"<header><h1>{html.escape(title)}</h1>{controls}</header>"
        f'<section class="chart">{chart}</section>'
        '<section><h2>Waves per firm</h2><table id="totals"><tr><th>firm</th><th>waves</th>'
        f"<th>jobs cut</th></tr>{rows}</table>"
        '<h2>Events</h2><table id="events"><tr><th>event</th><th>firm</th><th>type</th><th>announced</th>'
        "<th>first reported</th><th>completed by</th><th>reasons</th><th>jobs cut</th><th>wave</th></tr>"
        f"{''.join(events)}</table></section>"
    )
    css = (
        "section { padding: 8px 12px; overflow-x: auto; } table { border-collapse: collapse; font-size: 13px; }"
        "td, th { border-bottom: 1px solid #eee; padding: 3px 8px; text-align: left; } h2 { font-size: 15px; }"
    )
    return page(title, body, css=css)
