"""Shared fixtures: real on-disk stores in tmp_path, the bundled samples, the shared corpus."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings, get_settings
from firmgraph.graph.store import Store, open_store

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_answering(
    process: subprocess.Popen[bytes], url: str, name: str, log: Path, *, seconds: float, **params: str
) -> None:
    """Wait for a server process to answer GET url with 200; fail with its log if it exits or stays silent."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            pytest.fail(f"{name} exited with {process.returncode}: {log.read_text()}")
        try:
            if httpx.get(url, params=params, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"{name} did not answer within {seconds:g} s")
        time.sleep(0.1)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `oxigraph serve` (union default graph, on disk) on a free port: its base URL."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.is_file():
        pytest.fail(f"no oxigraph server at {binary}: install the test extras (pip install -e '.[test]')")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    log = (location / "server.log").open("wb")
    command = [str(binary), "serve", "--location", str(location / "db"), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen([*command, "--union-default-graph"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_until_answering(process, url + "/", "oxigraph serve", location / "server.log", seconds=30)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


STORE_KINDS = ["embedded", "remote", "remote-staged"]
"""remote-staged: the remote store with 1-byte requests, so every commit goes through staging."""


@pytest.fixture(params=STORE_KINDS)
def any_store_location(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """An empty store of each kind, as the location open_store takes (the remote one is emptied first)."""
    if request.param == "embedded":
        yield str(tmp_path / "store")
        return
    url = request.getfixturevalue("oxigraph_server")
    if request.param == "remote-staged":
        monkeypatch.setenv("FIRMGRAPH_REMOTE_BATCH_BYTES", "1")
    get_settings.cache_clear()
    httpx.post(
        url + "/update", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}
    ).raise_for_status()
    yield url
    get_settings.cache_clear()


@pytest.fixture
def any_store(any_store_location: str) -> Iterator[Store]:
    """An empty store of each kind: embedded, remote, remote with staged commits."""
    with open_store(any_store_location) as store:
        yield store
