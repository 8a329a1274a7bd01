"""Money: single amounts and ranges with their currency ("35 bis 45 Millionen Dollar",
"$1.2 billion to $1.4 billion", "between €35m and €45m")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from firmgraph.graph.extraction.rules.numbers import (
    NUMERAL,
    SCALE,
    is_approx_before,
    parse_numeral,
    scale_factor,
)

CURRENCIES: dict[str, str] = {
    "$": "USD", "us$": "USD", "us-$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "us-dollar": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "pfund": "GBP",
    "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP", "chf": "CHF", "franken": "CHF",
    "schweizer franken": "CHF", "sek": "SEK", "kronen": "SEK", "schwedische kronen": "SEK", "kronor": "SEK",
    "¥": "JPY", "yen": "JPY", "jpy": "JPY", "cad": "CAD", "aud": "AUD", "inr": "INR", "rupees": "INR",
}  # fmt: skip
_PRE = r"US\$|US-\$|\$|€|£|¥|CHF|EUR|USD|GBP|SEK|CAD|AUD"
_POST = (
    r"US-Dollar|Dollar|dollars|Euro|euros|EUR|USD|€|\$|£|Pfund|pounds(?: sterling)?|Schweizer Franken|Franken|CHF"
    r"|schwedische Kronen|Kronen|kronor|SEK|Yen|yen|JPY"
)
_AMOUNT = rf"(?:{NUMERAL})(?:{SCALE})?"
_LINK = r"\s*(?:-|–|bis|to|und|and)\s*"
_PRE_RE = re.compile(
    rf"(?<![\w])(?P<cur>{_PRE})\s?(?P<a>{NUMERAL})(?P<as>{SCALE})?"
    rf"(?:(?P<link>{_LINK})(?:{_PRE})?\s?(?P<b>{NUMERAL})(?P<bs>{SCALE})?)?(?![\w])",
    re.I,
)
_POST_RE = re.compile(
    rf"(?<![\w.,])(?P<a>{NUMERAL})(?P<as>{SCALE})?(?:(?P<link>{_LINK})(?P<b>{NUMERAL})(?P<bs>{SCALE})?)?"
    rf"\s?(?P<cur>{_POST})(?![\w])",
    re.I,
)
_BETWEEN = re.compile(r"(?:zwischen|between)\s+$", re.I)


@dataclass(frozen=True)
class Money:
    """An amount or a range of money in plain units with its ISO currency."""

    start: int
    end: int
    low: float
    high: float
    currency: str
    approx: bool
    text: str


def currency_code(word: str) -> str | None:
    return CURRENCIES.get(" ".join(word.lower().split()))


def find_money(text: str, *, lang: str | None = None) -> list[Money]:
    """Amounts of money in `text`, left to right, without overlaps."""
    hint = "," if lang == "de" else "." if lang == "en" else None
    found: list[Money] = []
    for pattern in (_PRE_RE, _POST_RE):
        for m in pattern.finditer(text):
            code = currency_code(m.group("cur"))
            if code is None:
                continue
            start, end = m.start(), m.end()
            b = m.group("b")
            link = (m.group("link") or "").strip().lower()
            if b and link in {"und", "and"} and not _BETWEEN.search(text[max(0, start - 12) : start]):
                if pattern is _POST_RE:
                    continue  # "5 Mio. und 200 Stellen": not a range
                b = None
                end = m.start("link")
            a_scale = m.group("as")
            b_scale = m.group("bs") if b else None
            low = parse_numeral(m.group("a"), decimal_hint=hint if (a_scale or b_scale) else None)
            if low is None:
                continue
            # "35 bis 45 Millionen": the scale of the upper end applies to both
            low *= scale_factor((a_scale or b_scale or "").strip() or None)
            high = low
            if b:
                parsed = parse_numeral(b, decimal_hint=hint if (b_scale or a_scale) else None)
                if parsed is None:
                    continue
                high = parsed * scale_factor((b_scale or a_scale or "").strip() or None)
            if high < low:
                low, high = high, low
            found.append(Money(start, end, low, high, code, is_approx_before(text, start), text[start:end]))
    chosen: list[Money] = []
    for item in sorted(found, key=lambda x: (-(x.end - x.start), x.start)):
        if all(item.end <= c.start or item.start >= c.end for c in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda x: x.start)
