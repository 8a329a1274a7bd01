"""Parameters and filters of the views, checked before they reach a query.

Parameters never reach the query text as given: IRIs and literals are parsed and written back by
pyoxigraph (which rejects what is not an IRI and escapes what is in a literal), numbers and dates
pass through int() and date(). Filters are SPARQL patterns built in one place (`Filters`), so "an
event in range" means the same in an ego network, a projection and a timeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyoxigraph as ox

from firmgraph.graph.errors import InputError
from firmgraph.graph.model.concepts import reason_concept
from firmgraph.graph.model.namespaces import FG

__all__ = [
    "EVENT_CLASSES",
    "EVENT_TYPES",
    "MAX_CAP",
    "MAX_HOPS",
    "Filters",
    "Runner",
    "iri_list",
    "local_name",
    "parse_cap",
    "parse_day",
    "parse_day_lenient",
    "parse_hops",
    "parse_iri",
    "parse_window",
]

Runner = Callable[[str], Iterable[Any]]
"""Runs a SELECT query over the union of all graphs and yields pyoxigraph solutions."""

MAX_HOPS = 4
MAX_CAP = 5000

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "layoff": (str(FG.Layoff),),
    "attrition_reduction": (str(FG.AttritionReduction),),
    "workforce_reduction": (str(FG.WorkforceReduction), str(FG.Layoff), str(FG.AttritionReduction)),
    "hiring_freeze": (str(FG.HiringFreeze),),
    "restructuring_plan": (str(FG.RestructuringPlan),),
    "restructuring": (str(FG.RestructuringEvent),),
}
"""Event type names users give -> the classes they select."""
EVENT_CLASSES = {c for classes in EVENT_TYPES.values() for c in classes}


# -- parameters -----------------------------------------------------------------------------------


def parse_iri(value: str | None, name: str = "focus") -> str:
    """An absolute IRI, checked by pyoxigraph (no spaces, quotes, angle brackets or braces)."""
    text = (value or "").strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    try:
        return ox.NamedNode(text).value
    except ValueError as e:
        raise InputError(f"{name} must be an absolute IRI ({e})") from None


def _parse_int(value: int | str | None, name: str, low: int, high: int, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a whole number") from None
    if not low <= number <= high:
        raise InputError(f"{name} must be between {low} and {high:,}, not {number:,}")
    return number


def parse_hops(value: int | str | None) -> int:
    return _parse_int(value, "hops", 1, MAX_HOPS, 2)


def parse_cap(value: int | str | None, default: int = 500) -> int:
    return _parse_int(value, "cap", 1, MAX_CAP, default)


def parse_max_links(value: int | str | None) -> int | None:
    """At most this many links in a wave projection (1-1,000,000; None: the default)."""
    if value is None or value == "":
        return None
    return _parse_int(value, "links", 1, 1_000_000, 0)


def parse_window(value: int | str | None) -> int:
    """Days between events of one wave (0-3660, default 30)."""
    return _parse_int(value, "window", 0, 3660, 30)


def parse_day(value: str | date | None, name: str, *, end: bool = False) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a partial date stands for its first day, or its last with end=True."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not match:
        raise InputError(f"{name} must be a date: YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day is not None:
            return date(year, month, day)  # type: ignore[arg-type]
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)  # type: ignore[arg-type]
        first = date(year, month, 1)  # type: ignore[arg-type]
        if not end:
            return first
        following = date(year + (month == 12), month % 12 + 1, 1)  # type: ignore[operator]
        return date.fromordinal(following.toordinal() - 1)
    except ValueError as e:
        raise InputError(f"{name}: {e}") from None


def _values(value: str | Sequence[str] | None) -> list[str]:
    """Repeated or comma-separated parameter values."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


# -- filters --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What a view keeps: events by date, reason, type and jobs cut; articles by date, language and source."""

    start: date | None = None
    end: date | None = None
    reasons: tuple[str, ...] = ()
    """Reason concept IRIs."""
    event_classes: tuple[str, ...] = ()
    min_jobs: int | None = None
    languages: tuple[str, ...] = ()
    source_iris: tuple[str, ...] = ()
    source_names: tuple[str, ...] = ()
    """Outlets that published or are named in the article, by IRI or by (lower-cased) name."""

    @classmethod
    def parse(
        cls,
        *,
        start: str | date | None = None,
        end: str | date | None = None,
        reason: str | Sequence[str] | None = None,
        event_type: str | Sequence[str] | None = None,
        min_jobs: int | str | None = None,
        language: str | Sequence[str] | None = None,
        source: str | Sequence[str] | None = None,
    ) -> Filters:
        """Filters from user input (strings, repeated or comma-separated); raises InputError."""
        first, last = parse_day(start, "from"), parse_day(end, "to", end=True)
        if first and last and first > last:
            raise InputError("from must not be after to")
        reasons = []
        for label in _values(reason):
            concept = reason_concept(label) if len(label) < 100 else None
            if concept is None:
                raise InputError(
                    f"unknown reason {label[:40]!r} (see the reason scheme, e.g. ai, cost, demand)"
                )
            reasons.append(concept)
        classes: list[str] = []
        for name in _values(event_type):
            if name not in EVENT_TYPES:
                raise InputError(f"unknown event type {name[:40]!r}: one of {', '.join(EVENT_TYPES)}")
            classes.extend(EVENT_TYPES[name])
        languages = []
        for tag in _values(language):
            if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", tag):
                raise InputError(f"language must be a language tag such as de or en, not {tag[:20]!r}")
            languages.append(tag.lower())
        iris, names = [], []
        for item in _values(source):
            if re.match(r"[a-z][a-z0-9+.-]*:", item) and " " not in item:
                iris.append(parse_iri(item, "source"))
            elif len(item) <= 200:
                names.append(item.lower())
            else:
                raise InputError("source names are at most 200 characters")
        return cls(
            start=first,
            end=last,
            reasons=tuple(dict.fromkeys(reasons)),
            event_classes=tuple(dict.fromkeys(classes)),
            min_jobs=_parse_int(min_jobs, "min_jobs", 0, 10**9, 0) if min_jobs not in (None, "") else None,
            languages=tuple(dict.fromkeys(languages)),
            source_iris=tuple(dict.fromkeys(iris)),
            source_names=tuple(dict.fromkeys(names)),
        )

    @property
    def on_events(self) -> bool:
        """Any filter that only events can answer (type, reason, jobs cut)."""
        return bool(self.reasons or self.event_classes or self.min_jobs is not None)

    @property
    def on_articles(self) -> bool:
        return bool(self.start or self.end or self.languages or self.source_iris or self.source_names)

    @property
    def active(self) -> bool:
        return self.on_events or self.on_articles

    def event_pattern(self, e: str, *, dates: bool = True, articles: bool = True) -> str:
        """A group pattern that matches when the event `e` passes (empty when nothing filters events)."""
        parts = []
        if self.event_classes:
            parts.append(f"{e} a ?fT . FILTER(?fT IN ({iri_list(self.event_classes)}))")
        if self.reasons:
            parts.append(f"{e} fg:reason ?fR . FILTER(?fR IN ({iri_list(self.reasons)}))")
        if self.min_jobs is not None:
            parts.append(f"{e} fg:jobsCut ?fJ . FILTER(?fJ >= {int(self.min_jobs)})")
        if dates and (self.start or self.end):
            parts.append(
                f"OPTIONAL {{ {e} fg:announced ?fA }} OPTIONAL {{ {e} fg:firstReported|fg:reportedIn/schema:datePublished ?fP }} "
                f"BIND(STR(COALESCE(?fA, ?fP)) AS ?fD) {self._range('?fD')}"
            )
        if articles and (self.languages or self.source_iris or self.source_names):
            # a canonical event passes when one of its reports' articles does
            parts.append(
                f"{e} fg:reportedIn|fg:reports/fg:reportedIn ?fArt . {self.article_pattern('?fArt', dates=False)}"
            )
        return " ".join(parts)

    def article_pattern(self, a: str, *, dates: bool = True) -> str:
        """A group pattern that matches when the article `a` passes."""
        parts = []
        if dates and (self.start or self.end):
            parts.append(f"{a} schema:datePublished ?fPub . BIND(STR(?fPub) AS ?fPD) {self._range('?fPD')}")
        if self.languages:
            tests = " || ".join(
                f"?fL = {_lit(tag)} || STRSTARTS(?fL, {_lit(tag + '-')})" for tag in self.languages
            )
            parts.append(f"{a} schema:inLanguage ?fLang . BIND(LCASE(STR(?fLang)) AS ?fL) FILTER({tests})")
        if self.source_iris or self.source_names:
            tests = []
            if self.source_iris:
                tests.append(f"?fS IN ({iri_list(self.source_iris)})")
            if self.source_names:
                names = ", ".join(_lit(n) for n in self.source_names)
                tests.append(
                    f"EXISTS {{ ?fS schema:name|schema:alternateName ?fSN FILTER(LCASE(STR(?fSN)) IN ({names})) }}"
                )
            parts.append(
                f"{a} schema:publisher|schema:mentions ?fS . ?fS a fg:NewsOutlet . FILTER({' || '.join(tests)})"
            )
        return " ".join(parts)

    def _range(self, var: str) -> str:
        """A date string (YYYY, YYYY-MM or a full date) whose span overlaps [start, end]."""
        lo = f'CONCAT(SUBSTR({var}, 1, 10), SUBSTR("-01-01", 1, 10 - STRLEN(SUBSTR({var}, 1, 10))))'
        hi = f'CONCAT(SUBSTR({var}, 1, 10), SUBSTR("-12-31", STRLEN(SUBSTR({var}, 1, 10)) - 3))'
        tests = []
        if self.start:
            tests.append(f"{hi} >= {_lit(self.start.isoformat())}")
        if self.end:
            tests.append(f"{lo} <= {_lit(self.end.isoformat())}")
        return f"FILTER(BOUND({var}) && {' && '.join(tests)})"


def _lit(text: str) -> str:
    return str(ox.Literal(text))


def iri_list(iris: Iterable[str]) -> str:
    """IRIs as a comma-separated list of SPARQL terms (for IN and VALUES)."""
    return ", ".join(str(ox.NamedNode(i)) for i in iris)


def local_name(iri: str) -> str:
    """The last segment of an IRI (after its last # or /)."""
    return re.split(r"[#/]", iri)[-1]


def parse_day_lenient(text: str) -> date | None:
    """The first day of a YYYY, YYYY-MM or YYYY-MM-DD string; None when it is none of these."""
    try:
        return parse_day(text[:10], "date")
    except InputError:
        return None
