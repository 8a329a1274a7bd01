"""Bulk import gives what one-by-one import gives: same graphs, same entities, rejections, resume."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from firmgraph.graph.kg import ONTOLOGY_GRAPH, KnowledgeGraph
from firmgraph.graph.model.iris import entity_iri, opaque_key
from firmgraph.graph.pipeline.bulk import bulk_import, count_sources, imported_hashes
from firmgraph.graph.pipeline.imports import ImportResult
from firmgraph.graph.settings import Settings
from firmgraph.graph.synth.graph import records
from tests.conftest import SAMPLES

BASE = "https://w3id.org/firmgraph/"
ARTICLES = Path(__file__).parents[1] / "corpus" / "articles"


def write_records(folder: Path, items: Iterable[dict[str, object]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, record in enumerate(items):
        (folder / f"r{i:04}.json").write_text(json.dumps(record))
    return folder


def renamed(record: dict[str, object], old: str, new: str) -> dict[str, object]:
    return json.loads(json.dumps(record).replace(old, new))


def data(kg: KnowledgeGraph) -> list[str]:
    """The store's quads without the ontology, runs and timestamps (which differ between runs)."""
    lines = (str(q) for q in kg.store.quads() if q.graph_name != ox.NamedNode(ONTOLOGY_GRAPH))
    return sorted(
        re.sub(r'/id/run/\w+|"[^"]*"\^\^<http://www.w3.org/2001/XMLSchema#dateTime>', "~", line)
        for line in lines
    )


def run(kg: KnowledgeGraph, paths: list[Path], **options: object) -> list[ImportResult]:
    results: list[ImportResult] = []
    bulk_import(
        kg.store,
        paths,
        base=BASE,
        max_bytes=10**7,
        on_result=results.append,
        **options,  # type: ignore[arg-type]
    )
    return results


def test_bulk_import_writes_what_one_by_one_import_writes(tmp_path: Path, settings: Settings) -> None:
    folder = write_records(tmp_path / "src", (r for r, _ in records(6, seed=5)))  # 18 sources: 2 windows
    shutil.copytree(SAMPLES, folder / "samples")
    with (
        KnowledgeGraph.open(tmp_path / "one", settings=settings) as one,
        KnowledgeGraph.open(tmp_path / "bulk", settings=settings) as bulk,
    ):
        sequential = one.import_paths([folder])
        results = run(bulk, [folder], workers=2, commit_size=5)
        assert [r.status for r in results] == [r.status for r in sequential] == ["imported"] * len(sequential)
        assert [(r.source, r.graph, r.triples) for r in results] == [
            (r.source, r.graph, r.triples) for r in sequential
        ]
        assert data(bulk) == data(one)
        assert count_sources([folder]) == len(sequential)


def test_articles_are_extracted_in_the_workers_with_the_same_outcome(
    tmp_path: Path, settings: Settings
) -> None:
    with (
        KnowledgeGraph.open(tmp_path / "one", settings=settings) as one,
        KnowledgeGraph.open(tmp_path / "bulk", settings=settings) as bulk,
    ):
        sequential = one.import_paths([ARTICLES])
        results = run(bulk, [ARTICLES], workers=2)
        assert len(results) == len(sequential) == len(list(ARTICLES.iterdir()))
        assert [(r.source, r.status, r.graph, r.error) for r in results] == [
            (r.source, r.status, r.graph, r.error) for r in sequential
        ]
        assert sum(r.status == "imported" for r in results) > len(results) // 2
        assert data(bulk) == data(one)


def test_a_rejected_source_does_not_lend_its_names_to_later_ones(tmp_path: Path, settings: Settings) -> None:
    """Bulk resolves later batches before it knows the verdict on earlier ones: a rejection must undo that."""
    synthetic = [r for r, _ in records(6, seed=9)]
    bad = renamed(synthetic[0], synthetic[0]["organizations"][0]["name"], "Borealis Systems")  # type: ignore[index]
    bad["organizations"][0]["aliases"] = ["BSX"]  # type: ignore[index]
    bad["events"][0].update(cost_min=50_000_000, cost_max=1)  # type: ignore[index]
    later = renamed(synthetic[3], synthetic[3]["organizations"][0]["name"], "BSX")  # type: ignore[index]
    folder = write_records(tmp_path / "src", [bad, synthetic[1], later, synthetic[4]])
    with (
        KnowledgeGraph.open(tmp_path / "one", settings=settings) as one,
        KnowledgeGraph.open(tmp_path / "bulk", settings=settings) as bulk,
    ):
        sequential = one.import_paths([folder])
        results = run(bulk, [folder], workers=1)
        assert (
            [r.status for r in results] == [r.status for r in sequential] == ["rejected"] + ["imported"] * 3
        )
        assert results[0].report is not None and "cost" in results[0].report.text().lower()
        assert data(bulk) == data(one)
        names = bulk.query_df('SELECT ?org WHERE { ?org <https://schema.org/name> "BSX" }')
        assert list(names["org"]) == [entity_iri(BASE, "org", opaque_key("org", "bsx"))]


def test_resume_skips_what_is_there_and_reimports_what_changed(tmp_path: Path, kg: KnowledgeGraph) -> None:
    folder = write_records(tmp_path / "src", (r for r, _ in records(5, seed=2)))
    first = run(kg, [folder], workers=1)
    assert {r.status for r in first} == {"imported"}
    assert len(imported_hashes(kg.store)) == len(first)
    before = data(kg)
    changed = json.loads((folder / "r0001.json").read_text())
    changed["events"][0]["jobs_cut"] += 1
    (folder / "r0001.json").write_text(json.dumps(changed))
    again = run(kg, [folder], workers=1, resume=True)
    assert [r.status for r in again] == ["skipped", "imported"] + ["skipped"] * (len(first) - 2)
    assert len(data(kg)) == len(before), "the changed source was replaced, not added"
    assert data(kg) != before


def test_dry_run_validates_and_writes_nothing(tmp_path: Path, kg: KnowledgeGraph) -> None:
    before = kg.store.count()
    results = run(kg, [SAMPLES], workers=1, dry_run=True)
    assert [r.status for r in results] == ["checked"] * 3
    assert kg.store.count() == before


def test_bulk_import_into_the_remote_store(oxigraph_server: str, tmp_path: Path, settings: Settings) -> None:
    with KnowledgeGraph.open(oxigraph_server, settings=settings) as remote:
        remote.store.update("DROP ALL")
        remote.ensure_ontology()
        folder = write_records(tmp_path / "src", (r for r, _ in records(4, seed=4)))
        results = run(remote, [folder, SAMPLES], workers=2, commit_size=4)
        assert {r.status for r in results} == {"imported"}
        with KnowledgeGraph.open(tmp_path / "one", settings=settings) as one:
            one.import_paths([folder, SAMPLES])
            assert data(remote) == data(one)


def test_the_cli_runs_bulk_mode(tmp_path: Path) -> None:
    folder = write_records(tmp_path / "src", (r for r, _ in records(3, seed=1)))
    n = count_sources([folder])
    cli = [sys.executable, "-m", "firmgraph.api.cli", "--store", str(tmp_path / "store"), "import"]
    done = subprocess.run([*cli, "--workers", "1", str(folder)], capture_output=True, text=True, check=True)
    assert f"imported {n} source(s)" in done.stdout and "rejected 0" in done.stdout
    again = subprocess.run([*cli, "--resume", "--workers", "1", str(folder)], capture_output=True, text=True)
    assert again.returncode == 0 and f"imported 0 source(s), 0 triples; skipped {n}" in again.stdout
