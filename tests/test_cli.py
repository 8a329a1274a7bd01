"""The `firmgraph` command, run as a real process: output, exit codes, no writes on rejection."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from firmgraph.graph.version import __version__
from tests.conftest import SAMPLES


def firmgraph(store: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "firmgraph.api.cli", "--store", str(store), *args],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


def triples(store: Path) -> int:
    out = firmgraph(store, "stats").stdout
    return int(
        next(line.split()[1].replace(",", "") for line in out.splitlines() if line.startswith("triples"))
    )


def test_import_query_stats(tmp_path: Path) -> None:
    store = tmp_path / "store"
    done = firmgraph(store, "import", str(SAMPLES))
    assert done.returncode == 0, done.stderr
    assert "imported 3 source(s)" in done.stdout
    out = firmgraph(store, "query", "--saved", "pinterest-cuts-and-costs", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows[0]["jobsCut"] == "750"
    table = firmgraph(store, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert table.returncode == 0 and "n" in table.stdout
    stats = firmgraph(store, "stats").stdout
    assert "events" in stats and "organizations" in stats


def test_rejected_input_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    firmgraph(store, "import", str(SAMPLES / "klarna-ki-stellenabbau.de.json"))
    before = triples(store)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a> <http://b> .\n")
    done = firmgraph(store, "import", str(bad))
    assert done.returncode == 1
    assert "bad.ttl:1" in done.stderr
    assert triples(store) == before


def test_shape_report_as_json(tmp_path: Path) -> None:
    record = json.loads((SAMPLES / "pinterest-2026-02-02.de.json").read_text())
    record["events"][0]["cost_min"] = 9e9
    path = tmp_path / "violating.json"
    path.write_text(json.dumps(record))
    done = firmgraph(tmp_path / "store", "import", "--report", "json", str(path))
    assert done.returncode == 1
    report = json.loads(done.stderr[done.stderr.index("{") : done.stderr.rindex("}") + 1])
    assert report["source"].endswith("violating.json") and report["report"]


def test_stdin_and_dry_run(tmp_path: Path) -> None:
    store = tmp_path / "store"
    turtle = (
        b'@prefix schema: <https://schema.org/> .\n<https://example.org/x> schema:description "hello" .\n'
    )
    dry = firmgraph(store, "import", "--dry-run", "-", stdin=turtle)
    assert dry.returncode == 0, dry.stderr
    assert "checked 1 source(s)" in dry.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert firmgraph(tmp_path / "s", "query").returncode == 2
    assert firmgraph(tmp_path / "s", "query", "--saved", "no-such-query").returncode == 2
    assert firmgraph(tmp_path / "s", "frobnicate").returncode == 2


def test_malformed_query_exits_1_with_the_parser_message(tmp_path: Path) -> None:
    done = firmgraph(tmp_path / "s", "query", "SELECT ?x WHERE { ?x }")
    assert done.returncode == 1 and "malformed query" in done.stderr


def test_version_needs_no_command(tmp_path: Path) -> None:
    done = firmgraph(tmp_path / "store", "--version")
    assert (done.returncode, done.stdout.strip()) == (0, __version__), done.stderr
    assert not (tmp_path / "store").exists()


def test_extract_says_per_article_what_it_found_and_warns_on_no_event(tmp_path: Path) -> None:
    article = tmp_path / "acme.txt"
    article.write_text(
        "Acme streicht Stellen\n\nDie Acme AG streicht 300 Stellen, sagte Vorstandschef Jan Berg.\n",
        encoding="utf-8",
    )
    note = tmp_path / "note.txt"
    note.write_text("Sommerfest\n\nDas Wetter war schön, und alle hatten Spaß.\n", encoding="utf-8")
    done = firmgraph(tmp_path / "store", "extract", str(article), str(note), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "acme: 1 firm(s) (Acme), 1 event(s) (Acme: layoff 300 jobs), 1 people" in done.stdout
    assert "warning: note: no restructuring event found" in done.stderr
