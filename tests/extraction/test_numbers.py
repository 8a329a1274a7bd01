"""Numbers as German and English news write them."""

from __future__ import annotations

import pytest

from firmgraph.graph.extraction.rules.numbers import find_quantities, parse_number_words, parse_numeral


def one(text: str, lang: str, kind: str | None = None):
    found = [q for q in find_quantities(text, lang=lang) if kind is None or q.kind == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [("16.000", 16000), ("16,000", 16000), ("16 000", 16000), ("1.234.567", 1234567), ("5000", 5000), ("1,2", 1.2),
     ("1.2", 1.2), ("3,5", 3.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5)],
)  # fmt: skip
def test_parse_numeral_both_notations(text: str, value: float) -> None:
    assert parse_numeral(text) == pytest.approx(value)


def test_a_single_group_before_a_scale_word_follows_the_language() -> None:
    assert parse_numeral("1.250", decimal_hint=".") == pytest.approx(1.25)
    assert parse_numeral("1,250", decimal_hint=",") == pytest.approx(1.25)
    assert parse_numeral("1.250", decimal_hint=",") == 1250


@pytest.mark.parametrize(
    ("text", "value"),
    [("elftausend", 11000), ("sechzehntausend", 16000), ("zehn", 10), ("zweihundert", 200), ("eleven thousand", 11000),
     ("twenty-five", 25), ("three hundred", 300)],
)  # fmt: skip
def test_number_words(text: str, value: float) -> None:
    assert parse_number_words(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "ein Plan",
        "eine Firma",
        "one of the",
        "Tausende Stellen",
        "hundreds of jobs",
        "Zehntausende Mitarbeiter",
    ],
)
def test_articles_and_vague_plurals_are_not_figures(text: str) -> None:
    assert find_quantities(text, lang="de") == []
    assert find_quantities(text, lang="en") == []


@pytest.mark.parametrize(
    ("text", "lang", "value", "approx"),
    [("weitere 16.000 Arbeitsplätze", "de", 16000, False), ("rund elftausend Stellen", "de", 11000, True),
     ("bis zu 750 Mitarbeitern", "de", 750, True), ("mehr als 4.000 Jobs", "de", 4000, True),
     ("knapp 900 Beschäftigte", "de", 900, True), ("about 1,000 roles", "en", 1000, True),
     ("up to 750 employees", "en", 750, True), ("nearly 80,000 employees", "en", 80000, True),
     ("some 3,500 workers", "en", 3500, True), ("14,000 corporate jobs", "en", 14000, False),
     ("1.2 billion", "en", 1.2e9, False), ("1,2 Milliarden", "de", 1.2e9, False), ("$45m", "en", 45e6, False)],
)  # fmt: skip
def test_counts_with_approximation(text: str, lang: str, value: float, approx: bool) -> None:
    q = one(text, lang, "count")
    assert q.value == pytest.approx(value)
    assert q.approx is approx
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "lang", "value", "approx"),
    [("etwa zehn Prozent der Belegschaft", "de", 10, True), ("3,5 Prozent", "de", 3.5, False),
     ("less than 5% of staff", "en", 5, True), ("roughly 10 percent", "en", 10, True)],
)  # fmt: skip
def test_percentages(text: str, lang: str, value: float, approx: bool) -> None:
    q = one(text, lang, "percent")
    assert q.value == pytest.approx(value)
    assert q.approx is approx


@pytest.mark.parametrize(
    ("text", "lang", "value", "approx"),
    [("Ein Fünfzehntel der Belegschaft", "de", 6.67, False), ("fast die Hälfte seiner Belegschaft", "de", 50, True),
     ("mehr als jede dritte Stelle", "de", 33.33, True), ("jeder zehnte Arbeitsplatz", "de", 10, False),
     ("zwei Drittel der Jobs", "de", 66.67, False), ("ein Zwanzigstel", "de", 5, False),
     ("roughly one in ten employees", "en", 10, True), ("a third of its workforce", "en", 33.33, False),
     ("two-thirds of the staff", "en", 66.67, False), ("nearly half of its employees", "en", 50, True)],
)  # fmt: skip
def test_fractions_have_their_nominal_value(text: str, lang: str, value: float, approx: bool) -> None:
    q = one(text, lang, "fraction")
    assert q.value == pytest.approx(value, abs=0.01)
    assert q.approx is approx


def test_a_quarter_as_a_period_is_no_share() -> None:
    assert not [q for q in find_quantities("in the first quarter of 2026", lang="en") if q.kind == "fraction"]


def test_a_range_is_its_upper_end_and_approximate() -> None:
    (q,) = [q for q in find_quantities("Zwischen 400 und 500 Beschäftigte verlieren ihren Job.", lang="de")]
    assert (q.value, q.approx, q.text) == (500, True, "400 und 500")
    (q,) = find_quantities("between 1,200 and 1,500 jobs", lang="en")
    assert (q.value, q.approx) == (1500, True)
    assert [q.value for q in find_quantities("500 und 400 Stellen", lang="de")] == [500, 400]
