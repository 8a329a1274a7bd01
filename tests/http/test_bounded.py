"""One query path: entity pages and the dataset description read through the bounded engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from firmgraph.graph.errors import QueryTimeoutError
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.profiles.kinds import profile
from firmgraph.graph.publish.dataset import Endpoints, describe_dataset
from firmgraph.graph.sparql.bounded import BoundedQueries
from firmgraph.graph.sparql.engine import WorkerPool

BASE = "https://w3id.org/firmgraph/"


@pytest.fixture
def pool(sample_kg: KnowledgeGraph) -> Iterator[WorkerPool]:
    engine = WorkerPool(sample_kg.store, spares=1, max_workers=2)  # type: ignore[arg-type]
    try:
        yield engine
    finally:
        engine.close()


def _firm(kg: KnowledgeGraph, name: str) -> str:
    (row,) = kg.query(
        f'SELECT ?o WHERE {{ ?o a <http://www.w3.org/ns/org#FormalOrganization> ; <https://schema.org/name> "{name}" }}'
    )  # type: ignore[misc]
    return str(row["o"].value)


def test_pages_and_void_read_the_same_through_the_engine(sample_kg: KnowledgeGraph, pool: WorkerPool) -> None:
    reader = BoundedQueries(pool)
    firm = _firm(sample_kg, "Pinterest")
    assert profile(reader, firm, BASE) == profile(sample_kg.store, firm, BASE)
    endpoints = Endpoints("http://127.0.0.1:8000")
    assert set(describe_dataset(reader, BASE, "https://example.org/l", endpoints)) == set(
        describe_dataset(sample_kg.store, BASE, "https://example.org/l", endpoints)
    )
    assert reader.named_graphs() == sample_kg.store.named_graphs()
    assert reader.count() == sample_kg.store.count()


def test_their_queries_have_the_time_limit(sample_kg: KnowledgeGraph, pool: WorkerPool) -> None:
    with pytest.raises(QueryTimeoutError):
        describe_dataset(
            BoundedQueries(pool, timeout=1e-6), BASE, "https://example.org/l", Endpoints("http://x")
        )
