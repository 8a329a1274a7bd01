"""Whether two reports describe the same real-world event, and why: the rules, then the clustering.

The rules look at two reports only (never at the order they arrived in), and the clustering is a
deterministic function of the set of reports it is given, so the canonical events do not depend on
the order sources are imported in.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from firmgraph.graph.model.namespaces import FG
from firmgraph.graph.resolution.reports import Report, Window

__all__ = ["LOOKBACK_DAYS", "TOLERANCE", "Verdict", "cluster", "compare", "window"]

LOOKBACK_DAYS = 120
"""A report that states no announcement date: the event was announced at most this long before it."""
DAY_SLACK = 3
"""Days either side of a stated announcement day (the news of a Monday decision is dated Tuesday)."""
TOLERANCE = 0.10
"""Two figures of the same event differ by at most this share of the larger ("rund 1.200" / 1,150)."""
_FREEZE, _LAYOFF = str(FG.HiringFreeze), str(FG.Layoff)


@dataclass(frozen=True)
class Verdict:
    """The answer for one pair of reports: merged or not, how strongly, and why."""

    same: bool
    score: int
    why: str


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text and len(text) >= 10 else None
    except ValueError:
        return None


def window(report: Report) -> Window | None:
    """When the report's event was announced, as far as the report tells; None when it cannot say."""
    stated = report.text("announced")
    if stated:
        try:
            if len(stated) >= 10:
                day = date.fromisoformat(stated[:10])
                return Window(day - timedelta(days=DAY_SLACK), day + timedelta(days=DAY_SLACK), True)
            if len(stated) == 7:
                year, month = int(stated[:4]), int(stated[5:7])
                last = calendar.monthrange(year, month)[1]
                return Window(date(year, month, 1), date(year, month, last), True)
            year = int(stated[:4])
            return Window(date(year, 1, 1), date(year, 12, 31), True)
        except ValueError:
            pass
    published = _day(report.published)
    if published is None:
        return None
    return Window(published - timedelta(days=LOOKBACK_DAYS), published + timedelta(days=1), False)


def _figures(a: Report, b: Report) -> tuple[list[str], list[str]]:
    """The figures both state that agree, and those that conflict (beyond the tolerance)."""
    agree, conflict = [], []
    for name in ("jobs", "before", "after", "target", "share"):
        x, y = a.number(name), b.number(name)
        if x is None or y is None:
            continue
        top = max(abs(x), abs(y)) or 1.0
        (agree if abs(x - y) / top <= TOLERANCE else conflict).append(f"{name} {x:g} vs {y:g}")
    return agree, conflict


def compare(a: Report, b: Report) -> Verdict:
    """Whether two reports (of different sources) are reports of one event."""
    if a.doc == b.doc:
        return Verdict(False, 0, "one source states both: two events of that article")
    if a.org != b.org:
        return Verdict(False, 0, "different organizations")
    if a.aggregate != b.aggregate:
        return Verdict(False, 0, "a cumulative figure (aggregate) is not one of its parts")
    if a.part != b.part:
        return Verdict(False, 0, "a part (a subsidiary's or site's share) is not the whole programme")
    ta, tb = a.many("types"), b.many("types")
    if (_FREEZE in ta and _LAYOFF in tb) or (_LAYOFF in ta and _FREEZE in tb):
        return Verdict(False, 0, "a hiring freeze is not a layoff")
    wa, wb = window(a), window(b)
    agree, conflict = _figures(a, b)
    revision = _revision(a, b)
    jobs_conflict = [c for c in conflict if c.startswith("jobs")]
    same_day = (
        wa is not None and wb is not None and wa.stated and wb.stated
        and a.text("announced") == b.text("announced") and len(a.text("announced") or "") == 10
    )  # fmt: skip
    score = 2 * len(agree) + (3 if same_day else 0) + (1 if ta & tb - {str(FG.EventReport)} else 0)
    strong = any(f.startswith("jobs") for f in agree) or len(agree) >= 2
    if revision:  # "140 rather than the 180 it registered in June": the other report's figure, revised
        return Verdict(
            True, score + 4, f"{revision}" + (f"; figures agree ({', '.join(agree)})" if agree else "")
        )
    if wa is None or wb is None:
        if strong and not conflict:
            return Verdict(True, score, f"undated, but the figures agree ({', '.join(agree)})")
        return Verdict(False, score, "no date to place it and too few figures that agree")
    if not wa.meets(wb):
        return Verdict(False, score, f"announced apart ({_span(wa)} vs {_span(wb)})")
    if jobs_conflict and not same_day:
        return Verdict(False, score, f"figures differ beyond {TOLERANCE:.0%} ({', '.join(jobs_conflict)})")
    if wa.stated and wb.stated:
        how = "announced the same day" if same_day else f"announcements meet ({_span(wa)}, {_span(wb)})"
        extra = f"; revised figure ({', '.join(jobs_conflict)})" if jobs_conflict else ""
        agreeing = f"; figures agree ({', '.join(agree)})" if agree else ""
        return Verdict(True, score, how + agreeing + extra)
    if strong and not jobs_conflict:
        return Verdict(
            True, score, f"reported within {LOOKBACK_DAYS} days, figures agree ({', '.join(agree)})"
        )
    month = max(len(a.text("announced") or ""), len(b.text("announced") or "")) >= 7
    if _FREEZE in ta and _FREEZE in tb and month and not conflict:
        # "der im Februar 2024 verhängte Einstellungsstopp", recalled later, and the report of that month
        return Verdict(True, score, f"one hiring freeze: announcements meet ({_span(wa)}, {_span(wb)})")
    return Verdict(False, score, "no stated announcement date and too few figures that agree")


def _close(x: float | None, y: float | None) -> bool:
    return x is not None and y is not None and abs(x - y) <= TOLERANCE * (max(abs(x), abs(y)) or 1.0)


def _revision(a: Report, b: Report) -> str | None:
    """One report says its figure replaced the other's ("140 rather than the 180"): one programme, revised."""
    for new, old in ((a, b), (b, a)):
        earlier = new.number("revised")
        if _close(earlier, old.number("jobs")) or (
            earlier is not None and _close(earlier, old.number("revised"))
        ):
            return f"one report revises the other's figure ({earlier:g} -> {new.number('jobs') or 0:g})"
    return None


def _span(w: Window) -> str:
    return f"{w.start.isoformat()}..{w.end.isoformat()}" if w.stated else f"reported by {w.end.isoformat()}"


def cluster(
    reports: Iterable[Report],
    *,
    same: set[frozenset[str]] | None = None,
    distinct: set[frozenset[str]] | None = None,
) -> tuple[list[list[Report]], list[tuple[Report, Report, Verdict]]]:
    """Reports into events: strongest pairs first, never two reports of one source in one event.

    `same` and `distinct` are a curator's decisions (pairs of report IRIs), which win over the rules.
    Returns the clusters (each sorted by IRI, clusters by their first IRI) and every verdict that
    merged two clusters or kept two close candidates apart (for review).
    """
    ordered = sorted({r.iri: r for r in reports}.values(), key=lambda r: r.iri)
    same, distinct = same or set(), distinct or set()
    parent = {r.iri: r.iri for r in ordered}
    members = {r.iri: [r] for r in ordered}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs: list[tuple[int, str, str, Report, Report, Verdict]] = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if a.org != b.org:
                continue
            key = frozenset((a.iri, b.iri))
            if key in distinct:
                verdict = Verdict(False, 100, "a curator split them")
            elif key in same:
                verdict = Verdict(True, 100, "a curator merged them")
            else:
                verdict = compare(a, b)
            pairs.append((-verdict.score, a.iri, b.iri, a, b, verdict))
    pairs.sort(key=lambda p: p[:3])
    log: list[tuple[Report, Report, Verdict]] = []
    for _, _, _, a, b, verdict in pairs:
        ra, rb = root(a.iri), root(b.iri)
        if ra == rb:
            continue
        if not verdict.same:
            if verdict.score > 0:
                log.append((a, b, verdict))
            continue
        docs_a = {r.doc for r in members[ra]}
        blocked = any(r.doc in docs_a for r in members[rb]) or any(
            frozenset((x.iri, y.iri)) in distinct for x in members[ra] for y in members[rb]
        )
        if blocked:
            log.append(
                (
                    a,
                    b,
                    Verdict(
                        False, verdict.score, "would put two reports of one source, or a split pair, together"
                    ),
                )
            )
            continue
        keep, gone = sorted((ra, rb))
        parent[gone] = keep
        members[keep] += members.pop(gone)
        log.append((a, b, verdict))
    clusters = [sorted(m, key=lambda r: r.iri) for m in members.values()]
    return sorted(clusters, key=lambda c: c[0].iri), log
