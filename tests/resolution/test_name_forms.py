"""Name forms of one firm across articles: German and English trade words, umlauts spelled out,
and the units that must stay apart from their owner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.pipeline.resolve import head_key, org_keys
from tests.resolution.helpers import canonical_events


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Aarenfeld Medizintechnik AG", "aarenfeld"),
        ("Aarenfeld Medical Technologies", "aarenfeld"),
        ("Falkenrath Getriebetechnik GmbH", "falkenrath"),
        ("Siemens Energy", None),
        ("Deutsche Maschinenbau", None),
        ("Halvorsen Analytics Deutschland", None),
        ("Lenz", None),
    ],
)
def test_head_key_drops_only_the_words_of_a_trade(name: str, key: str | None) -> None:
    assert head_key(name) == key


def test_an_umlaut_spelled_out_gives_the_same_key() -> None:
    assert org_keys("Kühne Logistik", []) & org_keys("Kuehne Logistics", [])
    assert org_keys("Mürztaler Gusswerke GmbH", []) & org_keys("Muerztal Castings", [])
    assert not org_keys("Boeing", []) & org_keys("Bing", [])


def _record(org: dict[str, object], jobs: int, date: str, lang: str) -> dict[str, Any]:
    return {
        "article": {"title": f"{org['name']} cuts {jobs}", "date": date, "language": lang, "publisher": None},
        "organizations": [org],
        "people": [],
        "events": [{"organization": org["name"], "type": "layoff", "jobs_cut": jobs, "announced": date}],
        "filings": [],
        "quotes": [],
    }


def test_a_german_and_an_english_name_of_one_firm_give_one_event(tmp_path: Path) -> None:
    de = {"name": "Aarenfeld Medizintechnik", "aliases": [], "role_in_article": "subject", "parent": None}
    en = {
        "name": "Aarenfeld Medical Technologies",
        "aliases": [],
        "role_in_article": "subject",
        "parent": None,
    }
    records = [_record(de, 300, "2026-01-13", "de"), _record(en, 300, "2026-01-13", "en")]
    assert canonical_events(tmp_path, records) == [2]


def test_a_unit_named_by_its_owner_and_a_trade_stays_apart_from_the_owner(tmp_path: Path) -> None:
    owner = {"name": "Halberg", "aliases": [], "role_in_article": "subject", "parent": None}
    unit = {"name": "Halberg Antriebe", "aliases": [], "role_in_article": "subject", "parent": "Halberg"}
    record = _record(owner, 1400, "2026-11-05", "de")
    record["organizations"] = [owner, unit]
    path = tmp_path / "halberg.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        assert all(r.status == "imported" for r in kg.import_paths([path]))
        rows = kg.query(
            "SELECT DISTINCT ?o WHERE { ?o <https://schema.org/name> ?n FILTER(?n IN ('Halberg', 'Halberg Antriebe')) }"
        )
        assert len(list(rows)) == 2
