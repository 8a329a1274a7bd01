"""Money amounts and ranges with ISO currencies."""

from __future__ import annotations

import pytest

from firmgraph.graph.extraction.rules.money import find_money


@pytest.mark.parametrize(
    ("text", "lang", "low", "high", "currency"),
    [("auf 35 bis 45 Millionen Dollar", "de", 35e6, 45e6, "USD"),
     ("charges of $1.2 billion to $1.4 billion", "en", 1.2e9, 1.4e9, "USD"),
     ("between €35m and €45m", "en", 35e6, 45e6, "EUR"), ("zwischen 35 und 45 Millionen Euro", "de", 35e6, 45e6, "EUR"),
     ("125 Milliarden US-Dollar", "de", 125e9, 125e9, "USD"), ("rund 2 Mrd. Euro", "de", 2e9, 2e9, "EUR"),
     ("1,5 Milliarden Euro", "de", 1.5e9, 1.5e9, "EUR"), ("about £300 million", "en", 300e6, 300e6, "GBP"),
     ("USD 45 million", "en", 45e6, 45e6, "USD"), ("US$ 2.5bn", "en", 2.5e9, 2.5e9, "USD"),
     ("500 Millionen Schweizer Franken", "de", 500e6, 500e6, "CHF"), ("3 Milliarden schwedische Kronen", "de", 3e9, 3e9, "SEK")],
)  # fmt: skip
def test_amounts_and_ranges(text: str, lang: str, low: float, high: float, currency: str) -> None:
    (m,) = find_money(text, lang=lang)
    assert (m.low, m.high, m.currency) == (pytest.approx(low), pytest.approx(high), currency)
    assert text[m.start : m.end] == m.text


def test_and_links_a_range_only_after_between() -> None:
    (m,) = find_money("a $5 million charge and 200 jobs", lang="en")
    assert m.low == m.high == 5e6
    assert [x.text for x in find_money("5 Mio. € und 200 Stellen", lang="de")] == ["5 Mio. €"]


def test_plain_numbers_are_not_money() -> None:
    assert find_money("16.000 Stellen und 90 Tage", lang="de") == []
