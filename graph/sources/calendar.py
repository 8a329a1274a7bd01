"""Month and weekday names (German and English) and the date forms found in page headers."""

from __future__ import annotations

import re
from datetime import date

__all__ = ["MONTHS", "MONTH_RE", "WEEKDAYS", "find_date", "make_date"]

MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "january": 1, "jan": 1,
    "februar": 2, "february": 2, "feb": 2,
    "märz": 3, "maerz": 3, "march": 3, "mär": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "december": 12, "dez": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "montag": 0, "monday": 0, "dienstag": 1, "tuesday": 1, "mittwoch": 2, "wednesday": 2,
    "donnerstag": 3, "thursday": 3, "freitag": 4, "friday": 4, "samstag": 5, "sonnabend": 5,
    "saturday": 5, "sonntag": 6, "sunday": 6,
}  # fmt: skip

MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
"""Alternation of month names, longest first (use with re.IGNORECASE)."""

_HEADER_DATES = [
    # 2026-02-02
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)"), ("y", "m", "d")),  # also "2026-03-18T10:00:00+01:00"
    # 02.02.2026
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), ("d", "m", "y")),
    # February 2, 2026 / Feb. 2, 2026
    (re.compile(rf"\b({MONTH_RE})\.? (\d{{1,2}}),? (\d{{4}})\b", re.IGNORECASE), ("M", "d", "y")),
    # 2. Februar 2026 / 2 February 2026
    (re.compile(rf"\b(\d{{1,2}})\.? ({MONTH_RE})\.?,? (\d{{4}})\b", re.IGNORECASE), ("d", "M", "y")),
]


# 18/03/2026 or 03/18/2026: taken only when one part is over 12 (otherwise the order is unknown)
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


def make_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the parts do not form one."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date(text: str) -> tuple[date, int, int] | None:
    """The first full date (day, month, year) in `text`, with its span."""
    best: tuple[date, int, int] | None = None
    for pattern, order in _HEADER_DATES:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            month = MONTHS[parts["M"].lower()] if "M" in parts else int(parts["m"])
            found = make_date(int(parts["y"]), month, int(parts["d"]))
            if found and 1990 <= found.year <= 2100 and (best is None or m.start() < best[1]):
                best = (found, m.start(), m.end())
                break
    for m in _SLASHED.finditer(text):
        a, b, y = (int(x) for x in m.groups())
        if (a > 12) == (b > 12):
            continue
        found = make_date(y, b, a) if a > 12 else make_date(y, a, b)
        if found and 1990 <= found.year <= 2100 and (best is None or m.start() < best[1]):
            best = (found, m.start(), m.end())
        break
    return best
