"""The examples in docs/views.md run: every command, every URL, the Python block."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from firmgraph.api.cli import app
from firmgraph.graph.kg import KnowledgeGraph
from tests.http.conftest import Server
from tests.views.conftest import copy_store
from tests.views.test_render import external_references

DOC = Path(__file__).parents[2] / "docs" / "views.md"


def blocks(language: str) -> list[str]:
    found = re.findall(rf"```{language}\n(.*?)```", DOC.read_text(), re.S)
    assert found, f"no {language} block in {DOC.name}"
    return found


def test_commands(views_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = copy_store(views_store, tmp_path)
    monkeypatch.chdir(tmp_path)
    lines = [line.removeprefix("$ ") for block in blocks("console") for line in block.splitlines() if line]
    assert len(lines) >= 5
    for line in lines:
        words = shlex.split(line)
        assert words[0] == "firmgraph"
        result = CliRunner().invoke(app, ["--store", str(store), *words[1:]])
        assert result.exit_code == 0, (line, result.output)
        out = tmp_path / words[words.index("-o") + 1]
        text = out.read_text()
        assert external_references(text) == [] and len(text) > 1000, line
        if out.suffix == ".html" and "--timeline" not in words:
            assert re.search(r"wrote .*: [1-9]\d* nodes", result.output), (line, result.output)


def test_urls(views_server: Server) -> None:
    urls = [line.split(" ", 1)[1] for block in blocks("http") for line in block.splitlines() if line]
    assert len(urls) >= 5
    for url in urls:
        response = httpx.get(views_server.url + url, timeout=60)
        assert response.status_code == 200, (url, response.text[:300])
        assert '<form class="controls"' in response.text


def test_python(fresh_samples: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (code,) = blocks("python")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, str(DOC), "exec"), {"kg": fresh_samples})
    assert "Amazon" in printed.getvalue()
    assert (tmp_path / "amazon.html").is_file() and (tmp_path / "amazon-timeline.svg").is_file()
    assert external_references((tmp_path / "amazon.html").read_text()) == []
