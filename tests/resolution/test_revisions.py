"""A report that says its figure replaced another's ("140 rather than the 180 registered in June") joins
that report's event; the same figures without that statement stay two events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.resolution.helpers import canonical_events


def _record(
    org: str, jobs: int, announced: str, lang: str, revised_from: int | None = None
) -> dict[str, Any]:
    return {
        "article": {"title": f"{org} cuts {jobs}", "date": announced, "language": lang, "publisher": None},
        "organizations": [{"name": org, "aliases": [], "role_in_article": "subject", "parent": "Talheim Metall"},
                          {"name": "Talheim Metall", "aliases": [], "role_in_article": "mentioned", "parent": None}],
        "people": [],
        "events": [{"organization": org, "type": "layoff", "jobs_cut": jobs, "announced": announced,
                    "jobs_cut_revised_from": revised_from}],
        "filings": [],
        "quotes": [],
    }  # fmt: skip


def test_a_revision_joins_the_report_of_the_figure_it_replaced(tmp_path: Path) -> None:
    first = _record("Mürztaler Gusswerke", 180, "2026-06-09", "de")
    revised = _record("Muerztal Castings", 140, "2026-07-01", "en", revised_from=180)
    assert canonical_events(tmp_path / "a", [first, revised]) == [2]
    assert canonical_events(tmp_path / "b", [revised, first]) == [2]


def test_different_figures_weeks_apart_without_a_revision_stay_two_events(tmp_path: Path) -> None:
    first = _record("Mürztaler Gusswerke", 180, "2026-06-09", "de")
    other = _record("Muerztal Castings", 140, "2026-07-01", "en")
    assert canonical_events(tmp_path, [first, other]) == [1, 1]
