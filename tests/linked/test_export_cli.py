"""`firmgraph export` as a user runs it: a real process, a real store, files on disk."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from firmgraph.graph.model.iris import entities_graph_iri
from tests.linked.conftest import BASE

pytestmark = pytest.mark.slow  # each test starts the CLI in a new process (several seconds of imports)


def firmgraph(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "firmgraph"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "firmgraph.api.cli"]
    return subprocess.run(
        [*command, "--store", str(store), "export", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def store(linked_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("cli") / "store"
    shutil.copytree(linked_store, copy)
    return copy


def test_export_writes_a_gzipped_dump_with_a_progress_bar(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.nq.gz"
    done = firmgraph(store, "-o", str(out))
    assert done.returncode == 0, done.stderr
    quads = list(ox.parse(gzip.decompress(out.read_bytes()), ox.RdfFormat.N_QUADS))
    assert done.stdout.strip() == f"wrote {len(quads):,} quads to {out}"
    assert done.stderr == ""  # no terminal: no progress bar; with one, tqdm writes to stderr only


def test_format_option_and_one_graph(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "entities.out"
    graph = entities_graph_iri(BASE)
    done = firmgraph(store, "--format", "turtle", "--graph", graph, "-o", str(out))
    assert done.returncode == 0, done.stderr
    triples = list(ox.parse(out.read_bytes(), ox.RdfFormat.TURTLE))
    assert triples and done.stdout.startswith(f"wrote {len(triples):,} quads")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["-o", "dump.xml"], 2, "cannot tell the format"),
        (["--format", "rdfa", "-o", "dump.nq"], 2, "unknown dump format"),
        (["--graph", "https://example.org/none", "-o", "dump.nq"], 1, "no graph"),
    ],
)
def test_bad_requests_exit_cleanly_and_write_nothing(
    store: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    done = firmgraph(store, *[str(tmp_path / a) if a.startswith("dump.") else a for a in args])
    assert done.returncode == code and message in done.stderr and "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir())
