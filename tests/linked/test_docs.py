"""The shell examples of docs/linked-data.md run as written, against a real server and a copy of its store."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.http.conftest import Server
from tests.linked.conftest import entity

DOC = REPO / "docs" / "linked-data.md"
FIRM = "SELECT ?x WHERE { ?e <https://w3id.org/firmgraph/ns#organization> ?x } LIMIT 1"


def examples() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    lines = [line.split("  #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line]


def test_the_doc_has_examples() -> None:
    assert len(examples()) >= 8


@pytest.mark.skipif(shutil.which("curl") is None, reason="the examples use curl")
@pytest.mark.parametrize(
    "line", [pytest.param(x, marks=pytest.mark.slow) if x.startswith("firmgraph ") else x for x in examples()]
)
def test_example_runs(line: str, ld_server: Server, linked_store: Path, tmp_path: Path) -> None:
    key = entity(ld_server, FIRM).rsplit("/", 1)[-1]
    env = {
        **os.environ,
        "FG": ld_server.url,
        "KEY": key,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    if line.startswith("firmgraph "):
        shutil.copytree(linked_store, tmp_path / "store")
        env["FIRMGRAPH_STORE"] = str(tmp_path / "store")
    done = subprocess.run(
        ["bash", "-c", line],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, (line, done.stderr[-2000:])
    if "no-such-firm" in line:
        assert done.stdout.strip() == "404"
    elif "grep -c" in line:
        assert int(done.stdout) >= 10
    elif line.startswith("curl -L"):
        assert key in done.stdout
    elif "/exports" in line:
        assert (
            "firmgraph.nq" in done.stdout
            or "<https://w3id.org/firmgraph/" in done.stdout
            or any(tmp_path.glob("firmgraph.*"))
        )
    elif line.startswith("firmgraph export"):
        assert done.stdout.startswith("wrote ") and any(tmp_path.glob("*.*"))
