"""Real servers for the HTTP tests: `firmgraph serve` in a subprocess on 127.0.0.1, over a store with the samples."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from tests.conftest import SAMPLES, SHARED_CORPUS, free_port

TOKEN = "test-token-7f3a"
ARTICLE = SHARED_CORPUS / "articles" / "pinterest-2026-02-02.de.txt"


@dataclass
class Server:
    """A running `firmgraph serve`."""

    url: str
    process: subprocess.Popen[bytes]
    store: Path

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return httpx.get(self.url + path, timeout=30, **kwargs)  # type: ignore[arg-type]

    def select(self, query: str) -> list[dict[str, str]]:
        """A SELECT query's rows as {variable: value} through the endpoint."""
        response = httpx.get(
            self.url + "/sparql",
            params={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
        response.raise_for_status()
        return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]


def firmgraph_command() -> list[str]:
    script = Path(sys.executable).parent / "firmgraph"
    return [str(script)] if script.exists() else [sys.executable, "-m", "firmgraph.api.cli"]


def start_server(store: Path, log: Path, **env: str) -> Server:
    """Start `firmgraph serve` on a free port and wait until it answers."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FIRMGRAPH_")}
    environment.update({f"FIRMGRAPH_{k.upper()}": v for k, v in env.items()})
    process = subprocess.Popen(
        [*firmgraph_command(), "--store", str(store), "serve", "--port", str(port)],
        env=environment,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url + "/sparql", timeout=2).status_code == 200:
                return Server(url, process, store)
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"the server did not answer within 60 s:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the three sample records and, when the shared corpus is there, one article."""
    store = tmp_path_factory.mktemp("http") / "samples"
    settings = Settings(store=str(store))
    with KnowledgeGraph.open(store, settings=settings) as kg:
        sources = [SAMPLES] + ([ARTICLE] if ARTICLE.is_file() else [])
        results = kg.import_paths(sources)
        assert all(r.status == "imported" for r in results), [r.error for r in results]
    return store


def _server(
    sample_store: Path, tmp_path_factory: pytest.TempPathFactory, name: str, **env: str
) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp(name)
    store = folder / "store"
    shutil.copytree(sample_store, store)
    server = start_server(store, folder / "server.log", **env)
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def server(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The read server: small row and body caps, a write token (the write tests have their own server)."""
    yield from _server(
        sample_store,
        tmp_path_factory,
        "read",
        token=TOKEN,
        max_rows="100",
        max_body_bytes="200000",
        max_result_bytes="4000000",
        query_timeout="5",
    )


@pytest.fixture(scope="session")
def readonly_server(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """No token (writes off) and a 2 s query timeout, for runaway queries."""
    yield from _server(sample_store, tmp_path_factory, "readonly", query_timeout="2")


@pytest.fixture(scope="module")
def write_server(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose store the write tests may change."""
    yield from _server(
        sample_store,
        tmp_path_factory,
        "write",
        token=TOKEN,
        query_timeout="5",
        cors_write_origins="https://editor.example.org",
    )


@pytest.fixture
def article_imported() -> None:
    if not ARTICLE.is_file():
        pytest.skip("the shared corpus is not beside the repository")


@contextlib.contextmanager
def offline_page(browser: Any, server: Server) -> Iterator[Any]:
    """A Chromium page whose every request to anywhere but the server is aborted; none may fail."""
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    failed: list[str] = []
    host = urlsplit(server.url).netloc

    def route(r: Any) -> None:
        if urlsplit(r.request.url).netloc == host:
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("requestfailed", lambda request: failed.append(request.url))
    yield page
    context.close()
    assert outside == [], f"the page tried to reach {outside}"
    assert failed == [], f"requests failed: {failed}"
