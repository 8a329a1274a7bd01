"""Dates in German and English news, resolved against the article date.

Returns ISO strings at the precision the text gives (YYYY-MM-DD, YYYY-MM or YYYY). "Ende
September 2026" and "by the end of March" become the last day of that period; a month without
a year is the most recent such month before the article (or the next one for deadlines and
future tense); durations ("over five years") are not dates. Every form is parsed here, by the
patterns of this module: a phrase none of them covers is no date (docs/decisions.md says why).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from firmgraph.graph.sources.calendar import MONTH_RE, MONTHS, WEEKDAYS, make_date

_WEEKDAY_RE = "|".join(WEEKDAYS)
_DEADLINE = re.compile(
    r"(?:\bbis\s+(?:spätestens\s+)?(?:zum\s+|zur\s+|in\s+(?:den|das)\s+)?|\bspätestens\s+(?:bis\s+)?|\bby\s+|\buntil\s+"
    r"|\btill\s+|\bthrough\s+|\bno later than\s+|\bbefore\s+|\bbinnen\s+"
    r"|\bzum\s+|\b(?:take|takes|taking|took) effect (?:on (?:or about )?|in |by )?|\bwirksam (?:zum|ab)\s+"
    r"|\bend of (?:its|the|their) (?:fiscal|financial) year(?:,)? (?:on|in|ending)\s+"
    r"|\bbis (?:zum )?ende des (?:geschäfts|wirtschafts)jahres,? (?:am|zum)\s+)(?:the\s+|dem\s+|den\s+)?$",
    re.I,
)  # "take effect on or about June 13", "by the end of its fiscal year on March 31", "zum Jahresende"
_EDGE = (
    r"(?P<edge>ende|anfang|mitte|beginn|end|beginning|start|middle|mid|early|late)[\s-]+(?:of\s+)?(?:the\s+)?"
)
_QUARTER_WORDS = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "first": 1, "second": 2, "third": 3,
                  "fourth": 4, "1.": 1, "2.": 2, "3.": 3, "4.": 4}  # fmt: skip

_AMBIGUOUS_MONTHS = frozenset(
    ["mai", "may", "mar", "jun", "jul", "aug", "sep", "dec", "jan", "feb", "apr", "nov", "oct"]
)
_MONTH_CONTEXT = re.compile(
    r"(?:\bim|\bin|\bbis|\bby|\bseit|\bab|\bende|\banfang|\bmitte|\bend of)\s+$", re.I
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")),
    ("dmy_num", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)")),
    (
        "dmy",
        re.compile(
            rf"(?<![\w.])(?P<d>\d{{1,2}})\.?\s+(?P<M>{MONTH_RE})\.?(?:,?\s+(?P<y>\d{{4}}))?(?![\w])", re.I
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"(?<![\w])(?P<M>{MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?(?![\w])",
            re.I,
        ),
    ),
    (
        "quarter",
        re.compile(
            r"(?<![\w])(?:(?:ende|end of)\s+(?:des|the)\s+)?(?P<q>ersten|zweiten|dritten|vierten|first|second|third|fourth|[1-4]\.)"
            r"\s+(?:quartals?|quarter)(?:\s+(?:of\s+)?(?P<y>\d{4}))?(?![\w])|(?<![\w])Q(?P<q2>[1-4])\s+(?P<y2>\d{4})(?!\d)",
            re.I,
        ),
    ),
    (
        "half",
        re.compile(
            r"(?<![\w])(?:(?:in|by|bis|im|zum)\s+)?(?:the\s+|dem\s+)?(?P<h>first|second|ersten|zweiten)\s+"
            r"(?:half|halbjahr(?:es)?|jahreshälfte)(?:\s+(?:of\s+)?(?P<y>\d{4}))?(?![\w])",
            re.I,
        ),
    ),
    (
        "month",
        re.compile(
            rf"(?<![\w])(?:{_EDGE})?(?P<M>{MONTH_RE})(?![\w])(?!\.\s*\d)(?:\s+(?:of\s+)?(?P<y>\d{{4}}))?",
            re.I,
        ),
    ),
    ("year_edge", re.compile(rf"(?<![\w]){_EDGE}(?P<y>\d{{4}})(?!\d)", re.I)),
    (
        "year_end",
        re.compile(
            r"(?<![\w])(?:(?:ende|end)\s+(?:des|dieses|of\s+(?:the|this))\s+(?P<which>jahres|year)|jahresende|year[- ]end"
            r"|(?:ende|end)\s+(?:nächsten|des\s+nächsten|of\s+next)\s+(?P<next>jahres|year))(?![\w])",
            re.I,
        ),
    ),
    (
        "year",
        re.compile(
            r"(?<![\w])(?:(?:im\s+jahr(?:e)?|in|bis|by|until|through|seit|since|für|für das|for|ab|from|bereits|schon|zuletzt"
            r"|back in|already in)\s+(?:dem\s+jahr\s+)?)"
            r"(?P<y>(?:19|20)\d{2})(?![\w.,]\d)",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"(?<![\w])(?:(?P<rel>vergangenen|letzten|kommenden|nächsten|last|next|this|diesen)\s+)?"
            rf"(?P<W>{_WEEKDAY_RE})(?:abend|morgen|nachmittag|vormittag|mittag|nacht)?(?![\w])",
            re.I,
        ),
    ),
    (
        "relative",
        re.compile(
            r"(?<![\w])(?P<r>heute|today|gestern|yesterday|vorgestern|(?:im\s+)?(?:vergangenen|letzten)\s+(?:jahr|monat)"
            r"|vergangenes jahr|letztes jahr|last (?:year|month)|(?:in\s+)?(?:diesem|dieses)\s+jahr|this year"
            r"|(?:im\s+)?(?:nächsten|kommenden)\s+jahr|nächstes jahr|next year"
            r"|last week|this week|earlier this week|(?:in\s+)?(?:der\s+)?(?:vergangenen|letzten)\s+woche"
            r"|vergangene woche|letzte woche|diese woche|(?:in\s+)?dieser\s+woche)(?![\w])",
            re.I,
        ),
    ),
]


# a cheap first look: no digit, month, weekday or relative word means no date to find
_HINT = re.compile(
    rf"\d|(?<![\w])(?:{MONTH_RE}|{_WEEKDAY_RE})|heute|today|gestern|yesterday|woche|week|jahr|year|monat|month"
    rf"|quartal|quarter",
    re.I,
)


def may_hold_date(text: str) -> bool:
    """Whether `text` can hold a date at all (a digit, a month, a weekday, a relative word)."""
    return bool(_HINT.search(text))


@dataclass(frozen=True)
class DateMention:
    """A date phrase: its span, the ISO value and whether it states a deadline ("bis", "by")."""

    start: int
    end: int
    value: str
    deadline: bool
    text: str


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_year(month: int, ref: date | None, *, forward: bool) -> int | None:
    if ref is None:
        return None
    if forward:
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


_FISCAL_END = re.compile(
    r"\bend of (?:its|the|their) (?:fiscal|financial) year(?:,)? (?:on|in|ending)\s+$", re.I
)


def find_dates(text: str, ref: date | None, *, future: bool = False) -> list[DateMention]:
    """Dates in `text` (a sentence); `ref` is the article date, `future` the sentence's tense."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    if not may_hold_date(text):
        return found
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            deadline = kind == "half" or bool(_DEADLINE.search(text[max(0, m.start() - 45) : m.start()]))
            if kind == "year" and re.match(r"(?:bis|by|until|through)\b", m.group(0), re.I):
                deadline = True
            value = _resolve(kind, m, ref, deadline=deadline, future=future)
            if value is None:
                continue
            if len(value) == 7 and _FISCAL_END.search(text[max(0, m.start() - 45) : m.start()]):
                last = _last_day(int(value[:4]), int(value[5:]))
                value = last.isoformat()  # "by the end of the fiscal year in March": its last day
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.start(), m.end(), value, deadline, m.group(0)))
    return sorted(found, key=lambda d: d.start)


def _resolve(kind: str, m: re.Match[str], ref: date | None, *, deadline: bool, future: bool) -> str | None:
    g = m.groupdict()
    forward = deadline or future
    if g.get("M") and len(g["M"].rstrip(".")) <= 4 and g["M"].isupper():
        return None  # an acronym, not a month: "Art. 17 MAR" (the EU market abuse regulation)
    if kind in {"iso", "dmy_num"}:
        d = make_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return d.isoformat() if d else None
    if kind in {"dmy", "mdy"}:
        month = MONTHS[g["M"].lower().rstrip(".")]
        year = int(g["y"]) if g.get("y") else _month_year(month, ref, forward=forward)
        if year is None or (
            kind == "dmy" and g["M"].lower() in {"mai", "may"} and not g.get("y") and int(g["d"]) > 31
        ):
            return None
        d = make_date(year, month, int(g["d"]))
        return d.isoformat() if d else None
    if kind == "quarter":
        q = _QUARTER_WORDS.get((g.get("q") or "").lower()) or int(g.get("q2") or 0)
        year = int(g.get("y") or g.get("y2") or 0) or (ref.year if ref else None)
        if not q or year is None or not deadline:
            return None
        return _last_day(year, 3 * q).isoformat()
    if kind == "half":  # "wind down in the first half of 2026": by the end of that half
        year = int(g["y"]) if g.get("y") else (ref.year if ref else None)
        if year is None:
            return None
        return _last_day(year, 6 if g["h"].lower() in {"first", "ersten"} else 12).isoformat()
    if kind == "month":
        if (
            g["M"].lower() in _AMBIGUOUS_MONTHS
            and not g.get("y")
            and not g.get("edge")
            and not _MONTH_CONTEXT.search(m.string[max(0, m.start() - 12) : m.start()])
        ):
            return None  # "may" is a verb, and short forms need a year or a preposition
        month = MONTHS[g["M"].lower()]
        year = int(g["y"]) if g.get("y") else _month_year(month, ref, forward=forward)
        if year is None:
            return None
        edge = (g.get("edge") or "").lower()
        if edge in {"ende", "end", "late"} and (deadline or edge != "late"):
            return _last_day(year, month).isoformat()
        return f"{year:04d}-{month:02d}"
    if kind == "year_edge":
        year = int(g["y"])
        edge = g["edge"].lower()
        if edge in {"ende", "end"}:
            return date(year, 12, 31).isoformat()
        if edge in {"mitte", "mid", "middle"}:
            return f"{year:04d}-06"
        return f"{year:04d}"
    if kind == "year_end":
        if ref is None:
            return None
        year = ref.year + (1 if g.get("next") else 0)
        return date(year, 12, 31).isoformat()
    if kind == "year":
        return g["y"]
    if kind == "weekday":
        if ref is None:
            return None
        wd = WEEKDAYS[g["W"].lower()]
        rel = (g.get("rel") or "").lower()
        # news dates weekdays in the week gone by; only "next Monday" looks ahead
        if rel in {"kommenden", "nächsten", "next"}:
            delta = (wd - ref.weekday()) % 7 or 7
            return (ref + timedelta(days=delta)).isoformat()
        delta = (ref.weekday() - wd) % 7
        return (ref - timedelta(days=delta)).isoformat()
    if kind == "relative":
        if ref is None:
            return None
        r = " ".join(g["r"].lower().split())
        if r in {"heute", "today"}:
            return ref.isoformat()
        if r in {"gestern", "yesterday"}:
            return (ref - timedelta(days=1)).isoformat()
        if r == "vorgestern":
            return (ref - timedelta(days=2)).isoformat()
        if "week" in r or "woche" in r:  # the month, when the whole week lies in it
            day = ref - timedelta(days=7) if any(w in r for w in ("last", "vergangen", "letzt")) else ref
            monday = day - timedelta(days=day.weekday())
            sunday = monday + timedelta(days=6)
            return f"{day.year:04d}-{day.month:02d}" if monday.month == sunday.month else None
        if "monat" in r or "month" in r:
            first = ref.replace(day=1) - timedelta(days=1)
            return f"{first.year:04d}-{first.month:02d}"
        if any(w in r for w in ("vergangen", "letzt", "last")):
            return f"{ref.year - 1:04d}"
        if any(w in r for w in ("nächst", "kommend", "next")):
            return f"{ref.year + 1:04d}"
        return f"{ref.year:04d}"
    return None


def parse_iso(value: str | None) -> date | None:
    """The article date as a `date` (None for missing or partial dates)."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    return make_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def announced_value(d: DateMention, ref: date | None) -> str | None:
    """The date as an announcement date: never after the article's.

    A month or day without a year was placed by the sentence's tense ("said in March it would
    cut" reads as future); an announcement reported in an article lies before it, so such a date
    is taken a year back. A stated year after the article's date is no announcement (None).
    """
    if ref is None or d.value[:10] <= ref.isoformat()[: len(d.value[:10])]:
        return d.value
    if re.search(r"\b(?:19|20)\d\d\b", d.text):
        return None
    earlier = f"{int(d.value[:4]) - 1:04d}{d.value[4:]}"
    return earlier if earlier[:10] <= ref.isoformat()[: len(earlier[:10])] else None
