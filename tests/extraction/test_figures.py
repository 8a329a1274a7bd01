"""Which figure of a sentence is the cut, the headcount, the target: phrasings found on unseen articles."""

from __future__ import annotations

from datetime import date

import pytest

from firmgraph.graph.extraction.rules.figures import sentence_figures

CASES = [
    ("Brindmoor laid off 120 employees, or 9% of its staff, on Monday.", "en",
     {"jobs_cut": 120, "workforce_share_percent": 9}),  # "New York-based" or "laid" never hide the cut
    ("New York-based Tallis laid off 80 employees on Monday.", "en", {"jobs_cut": 80}),
    ("The company will cut 210 of its 1,050 jobs, a fifth of its workforce.", "en",
     {"jobs_cut": 210, "headcount_before": 1050, "workforce_share_percent": 20}),
    ("It plans to close 14 stores and cut up to 1,150 roles.", "en", {"jobs_cut": 1150}),
    ("About 310 roles will be cut across the group, which employed roughly 3,900 people.", "en",
     {"jobs_cut": 310, "headcount_before": 3900}),
    ("Die Belegschaft soll von derzeit 11.400 auf etwa 9.000 Beschäftigte sinken.", "de",
     {"headcount_before": 11400, "headcount_target": 9000}),
    ("Die Firma streicht nun 190 statt 260 Stellen.", "de", {"jobs_cut": 190, "jobs_cut_revised_from": 260}),
    ("It will eliminate about 430 positions, roughly 3% of its 14,200-person workforce.", "en",
     {"jobs_cut": 430, "workforce_share_percent": 3, "headcount_before": 14200}),
    ("It will cut 300 jobs; the 75 employees of its returns unit are not affected.", "en", {"jobs_cut": 300}),
    ("About 160 of the positions being eliminated are currently vacant.", "en", {}),
]  # fmt: skip


def test_n_of_the_cuts_is_a_part_of_the_cut() -> None:
    sf = sentence_figures(
        "About 120 of the cuts will fall at its subsidiary.", lang="en", ref=None, future=True, planned=True,
        cut_context=True,
    )  # fmt: skip
    assert [(f.field, f.value, f.part) for f in sf.figures] == [("jobs_cut", 120, True)]


@pytest.mark.parametrize(("text", "lang", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_figures_of_a_sentence(text: str, lang: str, expected: dict[str, float]) -> None:
    sf = sentence_figures(text, lang=lang, ref=date(2026, 1, 14), future=True, planned=True, cut_context=True)
    found: dict[str, float] = {}
    for f in sf.figures:
        found.setdefault(f.field, f.value)
    assert found == expected


def test_a_count_coordinated_with_a_cut_is_a_cut_too() -> None:
    sf = sentence_figures(
        "It will lay off 214 employees at its campus in Austin and 37 at a support center in San Antonio.",
        lang="en", ref=None, future=True, planned=True, cut_context=True,
    )  # fmt: skip
    assert [(f.field, f.value) for f in sf.figures] == [("jobs_cut", 214), ("jobs_cut", 37)]
    sf = sentence_figures(
        "It cut 1,100 jobs in March and another 900 in October.", lang="en", ref=None, future=False,
        planned=False, cut_context=True,
    )  # fmt: skip
    assert [(f.field, f.value) for f in sf.figures] == [("jobs_cut", 1100), ("jobs_cut", 900)]


def test_staff_a_firm_employs_and_the_base_of_a_share_are_headcounts() -> None:
    figures = sentence_figures(
        "Roughly 650 of the cuts will fall in Germany, where Halvor employs about 5,200 of its 8,400 staff.",
        lang="en", ref=None, future=True, planned=True, cut_context=True,
    ).figures  # fmt: skip
    assert [(f.field, f.value, f.part) for f in figures] == [
        ("jobs_cut", 650, True),
        ("headcount_before", 5200, True),
        ("headcount_before", 8400, False),
    ]
    figures = sentence_figures(
        "Sternau will rund 1.500 Stellen abbauen, etwa neun Prozent der weltweit 16.800 Beschäftigten.",
        lang="de", ref=None, future=True, planned=True, cut_context=True,
    ).figures  # fmt: skip
    assert [(f.field, f.value) for f in figures] == [
        ("jobs_cut", 1500),
        ("workforce_share_percent", 9),
        ("headcount_before", 16800),
    ]


def test_a_staff_reduced_by_a_number_is_the_cut_and_members_a_union_represents_are_not() -> None:
    def fields(text: str) -> list[tuple[str, float]]:
        figures = sentence_figures(
            text, lang="en", ref=None, future=True, planned=True, cut_context=True
        ).figures
        return [(f.field, f.value) for f in figures]

    assert fields("Pellow Media will reduce its newsroom staff by about 90 through buyouts.") == [
        ("jobs_cut", 90)
    ]
    assert (
        fields("The union, which represents about 3,100 nurses at four hospitals, will watch the cuts.") == []
    )


def test_a_revised_number_of_jobs_to_cut() -> None:
    figures = sentence_figures(
        "Brackwede has reduced the number of jobs it will eliminate under its restructuring programme to about 950,"
        " from the roughly 1,100 it announced at the start of the month.",
        lang="en", ref=None, future=False, planned=False, cut_context=True,
    ).figures  # fmt: skip
    assert [(f.field, f.value) for f in figures] == [("jobs_cut", 950), ("jobs_cut_revised_from", 1100)]


def test_a_count_of_redundancies_is_a_cut() -> None:
    figures = sentence_figures(
        "Rival Thistlegate Bank announced 900 redundancies last spring.",
        lang="en", ref=None, future=False, planned=False, cut_context=True,
    ).figures  # fmt: skip
    assert [(f.field, f.value) for f in figures] == [("jobs_cut", 900)]
