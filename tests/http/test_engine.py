"""The bounded query engine on its own: worker processes over checkpoints, stopped when they overrun."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest

from firmgraph.graph.errors import QueryError, QueryTimeoutError
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from firmgraph.graph.sparql.engine import QueryJob, WorkerPool, open_engine
from firmgraph.graph.sparql.results import plain_rows

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
EX = "http://example.org/"


def add(kg: KnowledgeGraph, name: str) -> None:
    kg.store.update(f'INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}{name}> <{EX}name> "{name}" }} }}')


def names(pool: WorkerPool) -> list[str]:
    outcome = pool.execute(
        QueryJob(f"SELECT ?n WHERE {{ ?s <{EX}name> ?n }} ORDER BY ?n", tabular="text/tab-separated-values")
    )
    return [s["n"].value for s in ox.parse_query_results(outcome.body, ox.QueryResultsFormat.TSV)]  # type: ignore[union-attr]


@pytest.fixture
def memory_pool() -> Iterator[tuple[KnowledgeGraph, WorkerPool]]:
    kg = KnowledgeGraph.in_memory(Settings(store="unused"))
    for i in range(30):
        add(kg, f"thing{i:02d}")
    pool = open_engine(kg.store, timeout=1.0, spares=1)
    assert isinstance(pool, WorkerPool)
    yield kg, pool
    pool.close()


def test_an_in_memory_graph_is_bounded_too(memory_pool: tuple[KnowledgeGraph, WorkerPool]) -> None:
    _, pool = memory_pool
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match="longer than 1 s"):
        pool.execute(QueryJob(RUNAWAY))
    assert time.monotonic() - started < 1.5
    assert len(names(pool)) == 30  # and the pool still answers


def test_a_refresh_makes_writes_visible(memory_pool: tuple[KnowledgeGraph, WorkerPool]) -> None:
    kg, pool = memory_pool
    assert "zzz" not in names(pool)
    add(kg, "zzz")
    assert "zzz" not in names(pool)  # queries read a checkpoint ...
    pool.refresh()
    assert names(pool)[-1] == "zzz"  # ... until the store says it changed


def test_rows_are_cut_in_every_format(memory_pool: tuple[KnowledgeGraph, WorkerPool]) -> None:
    _, pool = memory_pool
    for media in (
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ):
        outcome = pool.execute(QueryJob(f"SELECT ?s WHERE {{ ?s <{EX}name> ?n }}", tabular=media, max_rows=7))
        assert (outcome.rows, outcome.truncated, outcome.media_type) == (7, True, media)
        if media != "text/csv":
            parsed = ox.parse_query_results(outcome.body, ox.QueryResultsFormat.from_media_type(media))
            assert len(list(parsed)) == 7  # type: ignore[arg-type]
    exact = pool.execute(QueryJob(f"SELECT ?s WHERE {{ ?s <{EX}name> ?n }}", max_rows=30))
    assert (exact.rows, exact.truncated) == (30, False)


def test_syntax_errors_carry_the_position(memory_pool: tuple[KnowledgeGraph, WorkerPool]) -> None:
    _, pool = memory_pool
    with pytest.raises(QueryError, match=r"at line 1, column \d+"):
        pool.execute(QueryJob("SELECT * WHERE { ?s ?p }"))


def test_checkpoints_of_an_on_disk_store_are_replaced_and_removed(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "store", settings=Settings(store="unused")) as kg:
        pool = open_engine(kg.store, timeout=5.0, spares=1)
        assert isinstance(pool, WorkerPool)
        snapshots = tmp_path / ".store-snapshots"
        try:
            names(pool)
            first = sorted(p.name for p in snapshots.iterdir())
            add(kg, "new")
            pool.refresh()
            assert names(pool) == ["new"]
            for _ in range(3):  # every worker moves on to the new checkpoint as it gets a query
                names(pool)
            pool.execute(QueryJob("ASK { }"))
            after = sorted(p.name for p in snapshots.iterdir())
            assert after != first and len(after) <= 2
        finally:
            pool.close()
        assert not snapshots.exists()


def test_plain_rows_read_back_what_pyoxigraph_holds() -> None:
    """Every kind of term, escapes included, read from TSV equals the term's own value."""
    store = ox.Store()
    p = ox.NamedNode(f"{EX}p")
    objects = [
        ox.Literal('tab\there, "quoted", back\\slash\nnew line'),
        ox.Literal("Straße", language="de"),
        ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ox.Literal("2026-01-30", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
        ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")),
        ox.NamedNode(f"{EX}object"),
        ox.BlankNode("b1"),
    ]
    for i, obj in enumerate(objects):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{i}"), p, obj))
    query = f"SELECT ?s ?o ?unbound WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"
    expected = [
        [s["s"].value, None if isinstance(s["o"], ox.BlankNode) else s["o"].value, None]
        for s in store.query(query)  # type: ignore[union-attr]
    ]
    assert list(plain_rows(store.query(query))) == expected  # type: ignore[arg-type]
    assert len(expected) == len(objects)
    # a row with nothing bound is a row too; no rows is no rows
    assert list(plain_rows(store.query("SELECT ?x WHERE { OPTIONAL { ?x ?y 1 } }"))) == [[None]]  # type: ignore[arg-type]
    assert list(plain_rows(store.query("SELECT ?x WHERE { ?x ?y 1 }"))) == []  # type: ignore[arg-type]


def test_a_runaway_query_sent_again_waits_in_its_own_lane(
    memory_pool: tuple[KnowledgeGraph, WorkerPool],
) -> None:
    """Once it ran into the limit, a query may hold at most half of the workers, and plain queries go first."""
    kg, _ = memory_pool
    pool = open_engine(kg.store, timeout=2.0, spares=1, max_workers=4)
    assert isinstance(pool, WorkerPool)
    try:
        with pytest.raises(QueryTimeoutError):
            pool.execute(QueryJob(RUNAWAY))  # now remembered
        with ThreadPoolExecutor(8) as threads:
            again = [threads.submit(pool.execute, QueryJob(RUNAWAY)) for _ in range(6)]
            time.sleep(0.5)  # the lane is full: two run, four wait
            latencies = []
            for _ in range(10):
                started = time.monotonic()
                assert len(names(pool)) == 30
                latencies.append(time.monotonic() - started)
            assert max(latencies) < 1.0, latencies  # never behind the runaways (each takes 2 s)
            assert pool.stats()["runaways"] <= 2
            for future in again:
                with pytest.raises(QueryTimeoutError):
                    future.result()
    finally:
        pool.close()
