"""A small linked-data store (the samples and a few articles) and a real server over a copy of it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from tests.conftest import REPO, SAMPLES
from tests.http.conftest import Server, start_server, stop_server

ARTICLES = [
    REPO / "tests" / "corpus" / "articles" / name
    for name in (
        "meridian-pharma-2025-12-03.de.html",
        "bluecrest-warn-2026-05-28.en.html",
        "kessler-logistik-cfo-2026-05-06.de.txt",
    )
]
BASE = "https://w3id.org/firmgraph/"


@pytest.fixture(scope="session")
def linked_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples and three articles (a pharma restructuring, a WARN filing, a CFO change), on disk."""
    store = tmp_path_factory.mktemp("linked") / "store"
    with KnowledgeGraph.open(store, settings=Settings(store=str(store), base_iri=BASE)) as kg:
        results = kg.import_paths([SAMPLES, *ARTICLES])
        assert [r.status for r in results] == ["imported"] * 6, [r.error for r in results]
    return store


@pytest.fixture
def linked_copy(linked_store: Path, tmp_path: Path) -> Path:
    """A private copy of the linked store (for tests that open it in this process)."""
    copy = tmp_path / "store"
    shutil.copytree(linked_store, copy)
    return copy


@pytest.fixture(scope="session")
def ld_server(linked_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`firmgraph serve` over a copy of the linked store."""
    folder = tmp_path_factory.mktemp("ld-server")
    shutil.copytree(linked_store, folder / "store")
    server = start_server(folder / "store", folder / "server.log", base_iri=BASE)
    try:
        yield server
    finally:
        stop_server(server)


def entity(server: Server, sparql: str) -> str:
    """The first binding of ?x of a query through the endpoint (fails when there is none)."""
    rows = server.select(sparql)
    assert rows, f"no result for {sparql}"
    return rows[0]["x"]


def path_of(iri: str) -> str:
    assert iri.startswith(BASE), iri
    return "/" + iri[len(BASE) :]


def client(server: Server) -> httpx.Client:
    return httpx.Client(base_url=server.url, timeout=60)
