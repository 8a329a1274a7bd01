"""The extractor interface and registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from firmgraph.graph.errors import FirmgraphError
from firmgraph.graph.extraction import Extractor, RuleExtractor, available, get_extractor, register
from firmgraph.graph.sources import Document


def test_rules_is_registered_and_satisfies_the_protocol() -> None:
    assert "rules" in available()
    extractor = get_extractor()
    assert isinstance(extractor, RuleExtractor)
    assert isinstance(extractor, Extractor)
    assert extractor.name == "rules" and extractor.version


def test_unknown_extractor_names_the_known_ones() -> None:
    with pytest.raises(FirmgraphError, match="rules"):
        get_extractor("no-such-model")


def test_another_extractor_can_be_plugged_in() -> None:
    class Empty:
        name = "empty"
        version = "0"

        def extract(self, doc: Document) -> dict[str, Any]:
            return {"article": {"title": doc.title}, "organizations": [], "people": [], "events": [], "filings": [],
                    "quotes": []}  # fmt: skip

    register("empty", Empty)
    assert get_extractor("empty").extract(Document.from_text("x", title="t"))["article"]["title"] == "t"


def test_output_has_the_record_keys() -> None:
    record = get_extractor().extract(
        Document.from_text("Acme streicht Stellen\n\nAcme streicht 300 Stellen.", title="Acme")
    )
    assert set(record) == {"article", "organizations", "people", "events", "filings", "quotes"}
    assert set(record["article"]) == {"title", "date", "language", "publisher"}


def test_extract_command_writes_one_json_per_article(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from firmgraph.api.cli import app

    corpus = Path(__file__).parents[1] / "corpus" / "articles"
    pages = [corpus / "solvana-2026-03-04.de.txt", corpus / "kestrel-bank-2026-02-12.en.html"]
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "pred"
    result = CliRunner().invoke(
        app, ["extract", *map(str, pages), str(empty), "--out", str(out), "--no-evidence"]
    )
    assert result.exit_code == 1, result.output  # the empty file is reported, the others are written
    assert sorted(p.name for p in out.iterdir()) == [
        "kestrel-bank-2026-02-12.en.json",
        "solvana-2026-03-04.de.json",
    ]
    record = json.loads((out / "kestrel-bank-2026-02-12.en.json").read_text())
    assert record["article"]["publisher"] == "Harbor Street Journal"
    assert "evidence" not in json.dumps(record)
    unknown = CliRunner().invoke(app, ["extract", str(pages[0]), "--out", str(out), "--extractor", "nope"])
    assert unknown.exit_code == 1 and "unknown extractor" in unknown.output


def test_the_rule_extractor_is_an_entry_point_like_any_plug_in() -> None:
    from importlib.metadata import entry_points

    from firmgraph.graph.extraction import ENTRY_POINT_GROUP

    (entry,) = [e for e in entry_points(group=ENTRY_POINT_GROUP) if e.name == "rules"]
    assert entry.load() is RuleExtractor


class _Retitled(RuleExtractor):
    """The rule extractor with a title of its own, to tell which extractor an import used."""

    name = "retitled"

    def extract(self, doc: Document) -> dict[str, Any]:
        record = super().extract(doc)
        record["article"]["title"] = "Read by the retitled extractor"
        return record


def test_import_takes_the_extractor_by_name(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from firmgraph.api.cli import app
    from firmgraph.graph.kg import KnowledgeGraph

    register("retitled", _Retitled)
    article = Path(__file__).parents[1] / "corpus" / "articles" / "solvana-2026-03-04.de.txt"
    store = tmp_path / "store"
    result = CliRunner().invoke(
        app, ["--store", str(store), "import", "--extractor", "retitled", str(article)]
    )
    assert result.exit_code == 0, result.output
    with KnowledgeGraph.open(store) as kg:
        titles = {row[0].value for row in kg.query("SELECT ?t WHERE { ?a <https://schema.org/headline> ?t }")}  # type: ignore[index, union-attr]
    assert titles == {"Read by the retitled extractor"}
    unknown = CliRunner().invoke(app, ["--store", str(store), "import", "--extractor", "nope", str(article)])
    assert unknown.exit_code == 2 and "unknown extractor" in unknown.output
