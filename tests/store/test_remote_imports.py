"""The library on a remote store behaves as on the embedded one: imports, rejections, cookbook, restore."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyoxigraph as ox
import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings, get_settings
from firmgraph.graph.sparql.cookbook import load_cookbook
from firmgraph.graph.store import RemoteStore
from tests.conftest import SAMPLES


@pytest.fixture(params=["one-request", "staged"])
def remote_kg(
    request: pytest.FixtureRequest, oxigraph_server: str, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[KnowledgeGraph]:
    """A knowledge graph on the emptied test server; `staged` sends every commit through staging."""
    if request.param == "staged":
        monkeypatch.setenv("FIRMGRAPH_REMOTE_BATCH_BYTES", "8192")
    get_settings.cache_clear()
    with RemoteStore.from_url(oxigraph_server) as store:
        store.update("DROP ALL")
    with KnowledgeGraph.open(oxigraph_server, settings=settings) as kg:
        assert isinstance(kg.store, RemoteStore)
        yield kg
    get_settings.cache_clear()


def frame(kg: KnowledgeGraph, sparql: str) -> list[tuple[object, ...]]:
    df = kg.query_df(sparql).drop(columns=["imported"], errors="ignore")  # when: not what
    return sorted(
        (tuple(None if pd.isna(v) else v for v in row) for row in df.itertuples(index=False)), key=repr
    )


def test_samples_imported_remotely_answer_like_the_embedded_store(
    remote_kg: KnowledgeGraph, sample_kg: KnowledgeGraph
) -> None:
    results = remote_kg.import_paths([SAMPLES])
    assert [r.status for r in results] == ["imported"] * 3, [r.error for r in results]
    assert remote_kg.stats() == sample_kg.stats()
    for q in load_cookbook():
        assert frame(remote_kg, q.bind()) == frame(sample_kg, q.bind()), q.slug
    again = remote_kg.import_paths([SAMPLES])
    assert {r.status for r in again} == {"imported"} and remote_kg.stats() == sample_kg.stats()


def test_a_rejected_source_writes_nothing_remotely(remote_kg: KnowledgeGraph, tmp_path: Path) -> None:
    record = json.loads((SAMPLES / "pinterest-2026-02-02.de.json").read_text())
    record["events"][0].update(cost_min=50_000_000, cost_max=1)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(record))
    before = remote_kg.store.count()
    (result,) = remote_kg.import_paths([bad])
    assert result.status == "rejected" and result.report is not None and not result.report.conforms
    assert remote_kg.store.count() == before


def test_a_dump_restores_into_the_remote_store(
    remote_kg: KnowledgeGraph, sample_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    dump = tmp_path / "dump.nq"
    quads = [q for q in sample_kg.store.quads() if "/graph/doc/" in str(q.graph_name)]
    dump.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    assert remote_kg.restore(dump) == len(quads)
