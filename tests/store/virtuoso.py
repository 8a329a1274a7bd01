"""A real Virtuoso (Debian's virtuoso-opensource) on free ports of 127.0.0.1, with a generated ini."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import free_port, wait_until_answering

__all__ = ["VIRTUOSO_INI", "virtuoso_server"]

VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/v.db
ErrorLogFile = {dir}/v.log
LockFile = {dir}/v.lck
TransactionFile = {dir}/v.trx
xa_persistent_file = {dir}/v.pxa
[TempDatabase]
DatabaseFile = {dir}/v-temp.db
TransactionFile = {dir}/v-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {dir}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""
"""Virtuoso's own defaults where they matter (its 10,000-row cap included): the store as deployed."""


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Virtuoso's base URL with the `dba` credentials (digest auth on /sparql-auth) and its profile."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("virtuoso-t is not installed (Debian package virtuoso-opensource)")
    location: Path = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (location / "virtuoso.ini").write_text(VIRTUOSO_INI.format(dir=location, sql=sql, http=http))
    log = (location / "server.log").open("wb")
    process = subprocess.Popen(
        [binary, "-f", "-c", str(location / "virtuoso.ini")],
        cwd=location,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{http}"
    log_path = location / "server.log"
    wait_until_answering(process, base + "/sparql", "virtuoso-t", log_path, seconds=90, query="ASK {}")
    try:
        yield f"http://dba:dba@127.0.0.1:{http}/#virtuoso"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
