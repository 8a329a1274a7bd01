"""Dates resolved against the article date, at the precision the text gives."""

from __future__ import annotations

from datetime import date

import pytest

from firmgraph.graph.extraction.rules.dates import announced_value, find_dates, parse_iso

REF = date(2026, 1, 30)  # a Friday


@pytest.mark.parametrize(
    ("text", "future", "value", "deadline"),
    [("Bereits im Oktober hatte Amazon 14.000 Stellen gestrichen.", False, "2025-10", False),
     ("werden bis Ende September 2026 ihre Arbeitsplätze verlieren", True, "2026-09-30", True),
     ("bis 2030 sollen 5000 Stellen wegfallen", True, "2030", True),
     ("Amazon announced on Wednesday that", False, "2026-01-28", False),
     ("The company said Tuesday it would cut jobs", True, "2026-01-27", False),
     ("Das teilte das Unternehmen am Freitag mit.", False, "2026-01-30", False),
     ("by the end of March", True, "2026-03-31", True), ("am 28. Januar", False, "2026-01-28", False),
     ("on Jan. 28, 2026", False, "2026-01-28", False), ("February 2, 2026", False, "2026-02-02", False),
     ("02.02.2026", False, "2026-02-02", False), ("bis Ende des Jahres", True, "2026-12-31", True),
     ("bis Ende des dritten Quartals 2026", True, "2026-09-30", True), ("by mid-2027", True, "2027-06", True),
     ("bis Ende 2027", True, "2027-12-31", True), ("heute", False, "2026-01-30", False),
     ("last month", False, "2025-12", False), ("im vergangenen Jahr", False, "2025", False),
     ("in March", True, "2026-03", False), ("im Mai", False, "2025-05", False),
     ("The cuts should be completed by the end of August.", True, "2026-08-31", True),
     ("Bereits 2023 hatte die Firma Stellen gestrichen.", False, "2023", False),
     ("to be completed by the end of the fiscal year in March", True, "2026-03-31", True),
     ("the cuts will take effect on or about June 13", True, "2026-06-13", True),
     ("Die Kündigungen sollen zum Jahresende wirksam werden.", True, "2026-12-31", True)],
)  # fmt: skip
def test_dates_resolve_against_the_article_date(text: str, future: bool, value: str, deadline: bool) -> None:
    (d,) = find_dates(text, REF, future=future)
    assert (d.value, d.deadline) == (value, deadline)
    assert text[d.start : d.end] == d.text


@pytest.mark.parametrize(
    "text",
    ["über fünf Jahre", "over five years", "in den kommenden Jahren", "innerhalb von drei Monaten",
     "The company may cut jobs", "im dritten Quartal 2026", "Für das Jahr 2026 plant",
     "Ad-hoc-Mitteilung nach Art. 17 MAR"],
)  # fmt: skip
def test_durations_and_non_dates(text: str) -> None:
    assert find_dates(text, REF) == []


def test_relative_dates_need_an_article_date() -> None:
    assert find_dates("am Mittwoch", None) == []
    assert [d.value for d in find_dates("im Oktober 2025", None)] == ["2025-10"]


def test_parse_iso() -> None:
    assert parse_iso("2026-02-02") == date(2026, 2, 2)
    assert parse_iso("2026-02") is None
    assert parse_iso(None) is None


@pytest.mark.parametrize(
    ("sentence", "article", "announced"),
    [
        # a month without a year in a "would cut" sentence: the announcement lies before the article
        ("Dorndahl said in March that it would cut 420 jobs.", date(2025, 7, 8), "2025-03"),
        (
            "Der Konzern hatte im Oktober angekündigt, 1.400 Stellen streichen zu wollen.",
            date(2025, 2, 1),
            "2024-10",
        ),
        ("On 3 June the company said it will close the plant.", date(2025, 7, 8), "2025-06-03"),
        ("Im Mai 2026 will der Vorstand den Plan vorlegen.", date(2025, 2, 1), None),  # a stated future year
    ],
)
def test_an_announcement_date_is_never_after_the_article(
    sentence: str, article: date, announced: str | None
) -> None:
    (mention,) = find_dates(sentence, article, future=True)
    assert announced_value(mention, article) == announced


@pytest.mark.parametrize(
    ("text", "value"),
    [("Production will wind down in the first half of 2026.", "2026-06-30"),
     ("Der Abbau soll im zweiten Halbjahr 2027 abgeschlossen sein.", "2027-12-31"),
     ("Der Einstellungsstopp soll bis Ende des Geschäftsjahres am 30. September gelten.", "2026-09-30")],
)  # fmt: skip
def test_half_years_and_a_fiscal_year_end_are_deadlines(text: str, value: str) -> None:
    (d,) = find_dates(text, REF, future=True)
    assert (d.value, d.deadline) == (value, True)
