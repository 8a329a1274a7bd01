"""Fixtures for the views: one store with the samples, opened in-process and served by a real `firmgraph serve`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from tests.conftest import SAMPLES
from tests.http.conftest import Server, start_server, stop_server

BASE = "https://w3id.org/firmgraph/"


def settings_for(store: Path) -> Settings:
    return Settings(store=str(store), base_iri=BASE)


def iri_of(kg: KnowledgeGraph, name: str, prop: str = "schema:name") -> str:
    """The one entity with this name (or headline), looked up rather than hard-coded."""
    rows = kg.query_df(
        "PREFIX schema: <https://schema.org/> "
        f'SELECT DISTINCT ?s WHERE {{ ?s {prop} ?n FILTER(STR(?n) = "{name}") }}'
    )
    assert len(rows) == 1, f"{name}: {list(rows['s'])}"
    return str(rows["s"][0])


@pytest.fixture(scope="session")
def views_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store holding the three sample records; copy it before opening."""
    store = tmp_path_factory.mktemp("views") / "samples"
    with KnowledgeGraph.open(store, settings=settings_for(store)) as kg:
        results = kg.import_paths([SAMPLES])
        assert [r.status for r in results] == ["imported"] * 3, [r.error for r in results]
    return store


def copy_store(store: Path, folder: Path) -> Path:
    target = folder / "store"
    shutil.copytree(store, target)
    return target


@pytest.fixture(scope="module")
def samples(views_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    """The samples, opened in this process (a copy, so a server may hold the original's lock)."""
    store = copy_store(views_store, tmp_path_factory.mktemp("samples"))
    with KnowledgeGraph.open(store, settings=settings_for(store)) as kg:
        yield kg


@pytest.fixture(scope="module")
def views_server(views_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`firmgraph serve` over another copy of the samples."""
    folder = tmp_path_factory.mktemp("views-server")
    server = start_server(
        copy_store(views_store, folder), folder / "server.log", base_iri=BASE, query_timeout="10"
    )
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture
def fresh_samples(views_store: Path, tmp_path: Path) -> Iterator[KnowledgeGraph]:
    """The samples in a copy of their own, for tests that add data."""
    store = copy_store(views_store, tmp_path)
    with KnowledgeGraph.open(store, settings=settings_for(store)) as kg:
        yield kg
