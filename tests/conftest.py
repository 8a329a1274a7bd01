"""Shared fixtures: real on-disk stores in tmp_path, the bundled samples, the shared corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture
def settings() -> Settings:
    return Settings(store="unused", base_iri="https://w3id.org/firmgraph/")


@pytest.fixture
def kg(tmp_path: Path, settings: Settings) -> Iterator[KnowledgeGraph]:
    """A fresh knowledge graph on disk."""
    with KnowledgeGraph.open(tmp_path / "store", settings=settings) as graph:
        yield graph


@pytest.fixture
def sample_kg(kg: KnowledgeGraph) -> KnowledgeGraph:
    """The three gold records of the shared corpus, imported."""
    results = kg.import_paths([SAMPLES])
    assert [r.status for r in results] == ["imported"] * 3, [r.error for r in results]
    return kg


@pytest.fixture
def shared_corpus() -> Path:
    if not (SHARED_CORPUS / "score.py").is_file():
        pytest.skip("the shared corpus is not beside the repository")
    return SHARED_CORPUS
