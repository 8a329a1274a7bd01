"""The examples in docs/endpoint.md run as written against a real server (curl, SPARQLWrapper, pandas, KnowledgeGraph)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from firmgraph.graph.settings import get_settings
from tests.http.conftest import TOKEN, Server

DOC = Path(__file__).resolve().parents[2] / "docs" / "endpoint.md"
DOC_URL = "http://127.0.0.1:8000"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def curl_commands() -> list[str]:
    (block,) = [b for b in blocks("sh") if b.lstrip().startswith("curl")]
    return [c.strip() for c in block.split("\n\n") if c.strip()]


def run_curl(command: str, server: Server) -> str:
    command = command.replace(DOC_URL, server.url).replace("curl ", "curl -sS --fail-with-body ", 1)
    done = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "FIRMGRAPH_TOKEN": TOKEN},
        check=False,
    )
    assert done.returncode == 0, (command, done.stdout, done.stderr)
    return done.stdout


def test_the_curl_examples(write_server: Server) -> None:
    select, ask, insert, delete = curl_commands()
    csv = run_curl(select, write_server).splitlines()
    assert csv[0] == "event,jobs" and len(csv) == 4
    assert int(csv[1].split(",")[1]) >= int(csv[3].split(",")[1])
    assert json.loads(run_curl(ask, write_server))["boolean"] is True
    note = "SELECT ?c WHERE { GRAPH <http://example.org/notes> { ?s ?p ?c } }"
    run_curl(insert, write_server)
    assert write_server.select(note) == [{"c": "checked"}]
    run_curl(delete, write_server)
    assert write_server.select(note) == []


def test_the_python_examples(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIRMGRAPH_REMOTE_TOKEN", raising=False)
    get_settings.cache_clear()
    wrapper, pandas_csv, knowledge_graph = blocks("python")
    namespace: dict[str, object] = {}
    exec(wrapper.replace(DOC_URL, server.url), namespace)
    rows = namespace["rows"]
    assert ("Pinterest", "750") in [(r["firm"]["value"], r["jobs"]["value"]) for r in rows]  # type: ignore[attr-defined]
    exec(pandas_csv.replace(DOC_URL, server.url), namespace)
    frame = namespace["frame"]
    assert len(frame) == len(rows) and frame["jobs"].max() == 30000  # type: ignore[arg-type,index]
    exec(knowledge_graph.replace(DOC_URL, server.url), namespace)
    cuts = namespace["cuts"]
    assert sorted(cuts["jobs"]) == sorted(frame["jobs"])  # type: ignore[index]
    get_settings.cache_clear()
