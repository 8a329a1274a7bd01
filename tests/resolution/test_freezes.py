"""A hiring freeze recalled by a later article ("der im Februar 2024 verhängte Einstellungsstopp") is the
freeze an article of that month reported, even without figures; a freeze of another year is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.resolution.helpers import canonical_events


def _record(date: str, announced: str | None, jobs: int | None = None) -> dict[str, Any]:
    events: list[dict[str, Any]] = [
        {"organization": "Falkenrode Versicherungsgruppe", "type": "hiring_freeze", "announced": announced}
    ]
    if jobs is not None:
        events.append(
            {
                "organization": "Falkenrode Versicherungsgruppe",
                "type": "attrition_reduction",
                "jobs_cut": jobs,
                "announced": date,
            }
        )
    return {
        "article": {"title": f"Falkenrode {date}", "date": date, "language": "de", "publisher": None},
        "organizations": [{"name": "Falkenrode Versicherungsgruppe", "aliases": [], "role_in_article": "subject",
                           "parent": None}],
        "people": [], "events": events, "filings": [], "quotes": [],
    }  # fmt: skip


def test_a_freeze_recalled_later_is_the_freeze_reported_that_month(tmp_path: Path) -> None:
    reported = _record("2024-02-07", None)
    recalled = _record("2025-06-12", "2024-02", jobs=700)
    assert sorted(canonical_events(tmp_path / "a", [reported, recalled])) == [1, 2]
    assert sorted(canonical_events(tmp_path / "b", [recalled, reported])) == [1, 2]


def test_a_freeze_of_another_year_stays_apart(tmp_path: Path) -> None:
    reported = _record("2024-02-07", None)
    other = _record("2025-06-12", "2023", jobs=700)
    assert sorted(canonical_events(tmp_path, [reported, other])) == [1, 1, 1]
