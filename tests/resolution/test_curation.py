"""A curator reviews event resolution and corrects it: the decisions survive re-imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.resolution.curation import canonical_events, curate
from firmgraph.graph.settings import Settings

BASE = "https://w3id.org/firmgraph/"
STORY = ["amazon-2026-01-30.de.txt", "pinterest-2026-02-02.de.txt"]  # Amazon's cut, and the same cut again


def amazon(kg: KnowledgeGraph) -> list[list[str]]:
    return sorted(e.reports for e in canonical_events(kg.store, firm="amazon") if e.jobs_cut == 16_000)


def events_cli(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "firmgraph.api.cli", "--store", str(store), "events", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def story(shared_corpus: Path, tmp_path: Path) -> Path:
    store = tmp_path / "store"
    with KnowledgeGraph.open(store, settings=Settings(store=str(store), base_iri=BASE)) as kg:
        results = kg.import_paths([shared_corpus / "articles" / name for name in STORY])
        assert [r.status for r in results] == ["imported", "imported"]
    return store


def test_split_and_merge_are_kept_through_a_reimport(story: Path, shared_corpus: Path) -> None:
    with KnowledgeGraph.open(story, settings=Settings(store=str(story), base_iri=BASE)) as kg:
        (joined,) = amazon(kg)
        assert len(joined) == 2, "the two reports of the 16,000 cut are one event"
        first, second = joined
        curate(kg.store, BASE, first, second, same=False)
        assert amazon(kg) == [[first], [second]]
        again = kg.import_paths([shared_corpus / "articles" / STORY[1]])  # re-resolution reads the decision
        assert [r.status for r in again] == ["imported"]
        assert len(amazon(kg)) == 2
        curate(kg.store, BASE, first, second, same=True)
        assert amazon(kg) == [[first, second]]


def test_the_cli_lists_merges_with_the_reason_and_refuses_unknown_iris(story: Path) -> None:
    listed = events_cli(story, "list", "--merges", "--json", "--firm", "Amazon")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    (row,) = [r for r in rows if r["jobs_cut"] == 16_000]
    assert len(row["reports"]) == 2 and row["why"], "a merge says why"
    wrong = events_cli(story, "split", BASE + "id/event/nothing", row["reports"][0])
    assert wrong.returncode == 1
    assert "neither an event report nor a canonical event" in wrong.stderr
    split = events_cli(story, "split", *row["reports"])
    assert split.returncode == 0 and "now 2 canonical event(s)" in split.stdout, split.stdout + split.stderr
