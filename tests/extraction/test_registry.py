"""The extractor interface and registry."""

from __future__ import annotations

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
