"""Waves of cuts: a firm's canonical events grouped by time, and the jobs a wave cuts.

Plain data and arithmetic, shared by the timeline, its charts, the analytics and the projections.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from firmgraph.graph.views.filters import parse_day_lenient

__all__ = ["TimelineEvent", "total_jobs", "wave_jobs", "waves"]

T = TypeVar("T")


@dataclass(frozen=True)
class TimelineEvent:
    """One event on a firm's lane."""

    iri: str
    firm: str
    firm_name: str
    label: str
    event_type: str
    jobs_cut: int | None = None
    announced: str | None = None
    """As stated: a date, a month (YYYY-MM) or a year."""
    reported: date | None = None
    """The first article that reports it."""
    effective_by: str | None = None
    reasons: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    """The events it sums up (an aggregate)."""
    whole: str | None = None
    """The event it is a part of (counted inside that one)."""

    @property
    def start(self) -> date | None:
        """When it was announced, else when it was first reported."""
        return (parse_day_lenient(self.announced) if self.announced else None) or self.reported

    @property
    def end(self) -> date | None:
        """When it is to be completed."""
        return parse_day_lenient(self.effective_by) if self.effective_by else None


def _clusters(items: Sequence[T], day: Any, window_days: int) -> list[list[T]]:
    dated = sorted((i for i in items if day(i) is not None), key=day)
    groups: list[list[T]] = []
    for item in dated:
        if groups and (day(item) - day(groups[-1][0])).days <= window_days:
            groups[-1].append(item)
        else:
            groups.append([item])
    undated: dict[Any, list[T]] = defaultdict(list)
    for item in items:
        if day(item) is None:
            undated[getattr(item, "jobs_cut", None) if not isinstance(item, tuple) else item[1]].append(item)
    return groups + list(undated.values())


def waves(events: Iterable[TimelineEvent], window_days: int = 30) -> list[list[TimelineEvent]]:
    """One firm's events (aggregates left out) in waves, oldest first; undated events by figure, last."""
    return _clusters([e for e in events if not e.parts], lambda e: e.start, window_days)


def wave_jobs(wave: Iterable[TimelineEvent]) -> int:
    """The jobs a wave's canonical events cut (parts count inside their whole)."""
    return sum(e.jobs_cut for e in wave if e.jobs_cut and not e.whole)


def total_jobs(points: list[tuple[date | None, int]]) -> int:
    """Jobs cut over (day, jobs) canonical events of one firm (each a distinct real-world event)."""
    return sum(j for _, j in points)


# -- the query --------------------------------------------------------------------------------------
