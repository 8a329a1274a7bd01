"""SIGKILL in the middle of a 1,000-article bulk import into the remote store: no source is half there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from firmgraph.graph.kg import ONTOLOGY_GRAPH
from firmgraph.graph.model.iris import entities_graph_iri, events_graph_iri
from firmgraph.graph.pipeline.articles import read_article
from firmgraph.graph.pipeline.imports import Importer, RawSource
from firmgraph.graph.settings import RemoteSettings
from firmgraph.graph.store import EmbeddedStore, RemoteStore
from firmgraph.graph.synth.articles import write_articles

BASE = "https://w3id.org/firmgraph/"
SOURCES = 1000


def expected_graphs(folder: Path) -> tuple[dict[str, int], set[ox.Quad]]:
    """Each source graph's size, and the entities graph, as a one-by-one import in file order writes them."""
    mirror = EmbeddedStore(None)
    importer = Importer(mirror, BASE, article_reader=read_article)
    sizes: dict[str, int] = {}
    for path in sorted(folder.iterdir()):
        (batch,) = importer.batches(RawSource(str(path), path.read_bytes()))
        sizes[batch.source_graph] = len(set(batch.source))
        mirror.ox.extend(batch.entities)
    return sizes, set(mirror.ox)


def source_graph_sizes(store: RemoteStore) -> dict[str, int]:
    rows = store.query(
        f'SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{BASE}graph/doc/")) }}'
        " GROUP BY ?g"
    )
    return {r["g"].value: int(r["n"].value) for r in rows}  # type: ignore[union-attr]


def start_import(
    url: str, folder: Path, *extra: str, batch_bytes: int | None = None
) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    if batch_bytes:
        env["FIRMGRAPH_REMOTE_BATCH_BYTES"] = str(batch_bytes)
    command = [sys.executable, "-m", "firmgraph.api.cli", "--store", url, "import", "--workers", "2", *extra]
    return subprocess.Popen(
        [*command, str(folder)],
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )


def kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool], timeout: float = 300) -> None:
    """SIGKILL the importer and its workers as soon as `ready()` holds."""
    deadline = time.monotonic() + timeout
    try:
        while not ready():
            assert process.poll() is None, "the import finished before it could be interrupted"
            assert time.monotonic() < deadline, "the import made no progress"
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait()


def check_whole(store: RemoteStore, sizes: dict[str, int]) -> int:
    """Every source graph in the store has exactly its full size; returns how many there are."""
    present = source_graph_sizes(store)
    assert set(present) <= set(sizes)
    partial = {g: (n, sizes[g]) for g, n in present.items() if n != sizes[g]}
    assert not partial, f"half-written sources: {partial}"
    return len(present)


@pytest.mark.slow
def test_sigkill_mid_import_leaves_every_source_whole_and_resume_completes(
    oxigraph_server: str, tmp_path: Path
) -> None:
    folder = write_articles(tmp_path / "articles", SOURCES, seed=11)
    sizes, entities = expected_graphs(folder)
    assert len(sizes) == SOURCES
    order = list(sizes)  # file order: bulk commits in this order, so "the nth graph is in" is cheap to poll
    store = RemoteStore.from_url(oxigraph_server, RemoteSettings())
    store.update("DROP ALL")

    # 1. Commits staged in 32 KB pieces; killed while a staging graph is being written.
    first = start_import(oxigraph_server, folder, batch_bytes=32 * 1024)
    kill_when(first, lambda: store.has_graph(order[149]) and bool(store.staging_graphs()))
    after_first = check_whole(store, sizes)
    assert 150 <= after_first < SOURCES
    assert store.named_graphs() == sorted(
        [ONTOLOGY_GRAPH, entities_graph_iri(BASE), events_graph_iri(BASE), *source_graph_sizes(store)]
    )

    # 2. Resumed with one request per commit, killed again further on.
    second = start_import(oxigraph_server, folder, "--resume")
    kill_when(second, lambda: store.has_graph(order[after_first + 149]))
    after_second = check_whole(store, sizes)
    assert after_first + 150 <= after_second < SOURCES

    # 3. Resumed to the end: all sources, each once, whole; the entities exactly as one-by-one import.
    third = start_import(oxigraph_server, folder, "--resume")
    out, _ = third.communicate(timeout=600)
    assert third.returncode == 0, out
    assert f"imported {SOURCES - after_second} source(s)" in out.decode()
    assert f"skipped {after_second} already imported" in out.decode()
    assert check_whole(store, sizes) == SOURCES
    assert set(store.quads(entities_graph_iri(BASE))) == {
        ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(entities_graph_iri(BASE))) for q in entities
    }
    ontology, events = store.count(ONTOLOGY_GRAPH), store.count(events_graph_iri(BASE))
    assert store.count() == sum(sizes.values()) + len(entities) + ontology + events, "no quad is stored twice"
    (row,) = store.query(  # type: ignore[misc]
        "SELECT (COUNT(?r) AS ?n) WHERE { ?r a <https://w3id.org/firmgraph/ns#EventReport>"
        " FILTER NOT EXISTS { ?r <https://w3id.org/firmgraph/ns#reportOf> ?c } }"
    )
    assert int(row["n"].value) == 0, "every report has its canonical event"
    (row,) = store.query("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://schema.org/NewsArticle> }")  # type: ignore[misc]
    assert int(row["n"].value) == SOURCES
    store.discard_staging(older_than=0)
    assert store.staging_graphs() == []
    store.close()
