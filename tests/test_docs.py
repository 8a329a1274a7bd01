"""The README's examples run: its commands (in a scratch folder with the files they name), its
Python block, and every command's --help; docs/extraction.md's plug-in example registers."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from firmgraph.api.cli import app
from firmgraph.graph.extraction import available
from tests.conftest import REPO

README = REPO / "README.md"
ARTICLE = REPO / "tests" / "corpus" / "articles" / "solvana-2026-03-04.de.txt"


def blocks(doc: Path, language: str) -> list[str]:
    found = re.findall(rf"```{language}\n(.*?)```", doc.read_text(), re.S)
    assert found, f"no {language} block in {doc.name}"
    return found


def _readme_commands() -> list[list[str]]:
    """`firmgraph ...` lines of the README's first command block; `a | b` is two commands."""
    (block,) = [b for b in blocks(README, "sh") if "firmgraph import" in b]
    commands = []
    for line in block.splitlines():
        line = re.sub(r"\s+#.*$", "", line).strip()
        if not line.startswith("firmgraph "):
            continue
        first, _, second = line.partition(" | ")
        commands.append(shlex.split(first)[1:])
        if second:
            commands.append([second.strip()])
    return commands


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with what the README's commands name: samples, articles, RDF, a suspicious record."""
    shutil.copytree(REPO / "data" / "samples", tmp_path / "data" / "samples")
    (tmp_path / "articles").mkdir()
    shutil.copy(ARTICLE, tmp_path / "articles")
    (tmp_path / "more.ttl").write_text(
        '<https://example.org/note> <http://www.w3.org/2000/01/rdf-schema#label> "a note" .\n'
    )
    (tmp_path / "suspicious.json").write_text(
        '{"article": {"title": "t", "date": "2026-01-01", "language": "en", "publisher": null},'
        ' "organizations": [], "people": [], "events": [{"organization": "Nobody", "type": "layoff",'
        ' "jobs_cut": -5}], "filings": [], "quotes": []}'
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FIRMGRAPH_STORE", raising=False)
    return tmp_path


def test_the_readme_commands_run(scratch: Path) -> None:
    commands = _readme_commands()
    assert len(commands) >= 8
    runner = CliRunner()
    for args in commands:
        if args[:1] == ["synth"]:
            args = [a if a != "5000" else "20" for a in args]  # the same command, smaller
        result = runner.invoke(app, args)
        expected = 1 if "--dry-run" in args else 0  # the suspicious record is rejected, as the README says
        assert result.exit_code == expected, (args, result.output)
    assert (scratch / "firmgraph-data").is_dir() and (scratch / "synth.nq.gz").is_file()


def test_the_readme_python_runs(scratch: Path) -> None:
    (block,) = [b for b in blocks(README, "python") if "KnowledgeGraph.open" in b]
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    frame = namespace["df"]
    assert {"Amazon", "Pinterest"} <= set(frame["firm"])  # type: ignore[index]


def test_every_command_has_help() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    names = re.findall(r"│ (\w[\w-]*)\s{2,}", result.output)
    assert {"import", "query", "serve", "validate", "export", "view", "stats", "extract"} <= set(names)
    for name in names:
        sub = runner.invoke(app, [name, "--help"])
        assert sub.exit_code == 0 and "Usage" in sub.output, name


def test_the_extraction_plug_in_example_registers() -> None:
    (block,) = [b for b in blocks(REPO / "docs" / "extraction.md", "python") if "register(" in b]
    exec(compile(block, "extraction.md", "exec"), {})
    assert "model" in available()
