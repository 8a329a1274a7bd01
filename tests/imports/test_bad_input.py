"""Bad input gets a clear error naming the file (and line or shape), and the store is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from firmgraph.graph.kg import KnowledgeGraph
from tests.conftest import SAMPLES

PINTEREST = json.loads((SAMPLES / "pinterest-2026-02-02.de.json").read_text())


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def record_with(**event_changes: object) -> str:
    record = json.loads(json.dumps(PINTEREST))
    record["events"][0].update(event_changes)
    return json.dumps(record)


CASES = {
    "malformed-turtle": (
        "bad.ttl",
        '@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\nex:d ex:e "open .\n',
        r"bad\.ttl:3",
    ),
    "malformed-json": ("bad.json", '{"article": {"title": "x",\n "date": }', r"bad\.json:2: malformed JSON"),
    "wrong-datatype": ("types.json", record_with(jobs_cut="750"), r"events\.0\.jobs_cut"),
    "share-over-100": ("share.json", record_with(workforce_share_percent=150), r"workforce_share_percent"),
    "cost-min-above-max": ("cost.json", record_with(cost_min=50_000_000, cost_max=1), r"(?i)shape violation"),
    "empty": ("empty.json", "   \n", r"empty"),
    "binary": ("junk.ttl", bytes(range(256)) * 4, r"binary"),
    "unknown-suffix": ("notes.docx", "hello", r"unknown file type"),
    "no-triples": ("empty-graph.ttl", "@prefix ex: <http://ex.org/> .\n", r"no triples"),
    "missing": ("", "", r"no such file"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_rejected_and_nothing_written(kg: KnowledgeGraph, tmp_path: Path, case: str) -> None:
    name, content, expected = CASES[case]
    path = write(tmp_path, name, content) if name else tmp_path / "does-not-exist.json"
    before = kg.store.count()
    (result,) = kg.import_paths([path])
    assert result.status == "rejected"
    assert result.error is not None
    assert str(path.name) in result.error or case == "missing"
    import re

    assert re.search(expected, result.error), result.error
    assert kg.store.count() == before


def test_a_shape_violation_comes_with_a_report(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = write(tmp_path, "cost.json", record_with(cost_min=50_000_000, cost_max=1))
    (result,) = kg.import_paths([path])
    assert result.report is not None and not result.report.conforms
    assert "costMin" in result.report.text() or "cost" in result.report.text().lower()
    assert result.report.to_json()
    assert "ValidationReport" in result.report.turtle


def test_an_oversized_file_is_refused_before_it_is_read(kg: KnowledgeGraph, tmp_path: Path) -> None:
    big = tmp_path / "big.ttl"
    with big.open("wb") as f:
        line = b'<http://ex.org/a> <http://ex.org/p> "' + b"x" * 1000 + b'" .\n'
        for _ in range(50 * 1024):
            f.write(line)
    before = kg.store.count()
    (result,) = kg.import_paths([big])
    assert result.status == "rejected" and "over the limit" in (result.error or "")
    assert kg.store.count() == before


def test_one_bad_source_does_not_stop_the_good_ones(kg: KnowledgeGraph, tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.json", "{")
    results = kg.import_paths([bad, SAMPLES / "klarna-ki-stellenabbau.de.json"])
    assert [r.status for r in results] == ["rejected", "imported"]
