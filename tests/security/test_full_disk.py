"""A full disk (a real, small tmpfs): the CLI says so in one line, the server answers 507, the store stays whole."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import SHARED_CORPUS
from tests.http.conftest import TOKEN, start_server, stop_server
from tests.security.conftest import cli

SAMPLES = Path(__file__).parents[2] / "data" / "samples"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 40 MB tmpfs (needs root, as in CI); skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill the disk up to `leave` free bytes; returns the filler to delete."""
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    with filler.open("wb") as out:
        out.truncate(0)
        out.write(b"\0" * max(free - leave, 0))
    return filler


def test_a_full_disk_is_one_line_in_the_cli_and_the_store_stays_whole(
    small_disk: Path, tmp_path: Path
) -> None:
    articles = SHARED_CORPUS / "articles"
    if not articles.is_dir():
        pytest.skip("the shared corpus is not beside the repository")
    store = small_disk / "store"
    assert cli(store, "import", str(SAMPLES)).returncode == 0
    before = cli(store, "stats").stdout

    filler = fill(small_disk)  # not even room to open the store
    done = cli(store, "import", str(articles))
    assert done.returncode != 0 and "Traceback" not in done.stdout + done.stderr
    assert "disk of the store is full" in done.stderr and "free space and retry" in done.stderr
    filler.unlink()
    assert cli(store, "stats").stdout == before  # nothing landed

    filler = fill(small_disk, leave=1 << 20)  # room to open, not to import the corpus
    done = cli(store, "import", str(articles))
    assert done.returncode in (1, 3) and "Traceback" not in done.stdout + done.stderr
    assert (
        "not tried: the disk of the store is full" in done.stdout + done.stderr
    )  # the rest is not attempted
    filler.unlink()
    assert cli(store, "import", str(articles)).returncode == 0  # the rest lands once there is room
    fresh = tmp_path / "fresh"
    assert (
        cli(fresh, "import", str(SAMPLES)).returncode == 0
        and cli(fresh, "import", str(articles)).returncode == 0
    )
    assert cli(store, "stats").stdout == cli(fresh, "stats").stdout  # whole sources only, none half-written


def test_a_full_disk_is_a_507_with_a_message(small_disk: Path, tmp_path: Path) -> None:
    store = small_disk / "store"
    assert cli(store, "import", str(SAMPLES)).returncode == 0
    server = start_server(store, tmp_path / "server.log", token=TOKEN)
    try:
        fill(small_disk)
        body = "".join(
            f'<https://example.org/s{i}> <https://example.org/p> "{i:0>200}" .\n' for i in range(20000)
        )
        response = httpx.put(
            server.url + "/rdf-graphs",
            params={"graph": "https://example.org/g"},
            content=body.encode(),
            headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {TOKEN}"},
            timeout=60,
        )
        assert response.status_code == 507, response.text
        assert "disk of the store is full" in response.json()["message"]
        assert server.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
    finally:
        stop_server(server)
        os.sync()
