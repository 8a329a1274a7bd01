"""Security tests: a listener that must never be hit, and servers started as users start them."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.http.conftest import (  # noqa: F401 - fixtures used by the tests here
    TOKEN,
    Server,
    readonly_server,
    sample_store,
    server,
    start_server,
    stop_server,
    write_server,
)


@dataclass
class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it gets (and closes them at once)."""

    port: int
    hits: list[int] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/admin"


@pytest.fixture(scope="session")
def listener() -> Iterator[Listener]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    found = Listener(sock.getsockname()[1])

    def accept() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            found.hits.append(1)
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    yield found
    sock.close()


@pytest.fixture(autouse=True)
def _quiet_rdflib(caplog: pytest.LogCaptureFixture) -> None:
    """rdflib warns about every odd IRI it reads; the fuzz cases are odd on purpose."""
    import logging

    caplog.set_level(logging.ERROR, logger="rdflib")


def cli(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`firmgraph --store STORE ARGS...` run as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "firmgraph.api.cli", "--store", str(store), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
