"""Every fact points to the text that states it: doc.text[start:end] == exact, a sentence, not the article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from firmgraph.graph.extraction import RuleExtractor
from firmgraph.graph.model.records import parse_record
from firmgraph.graph.sources import Document, read_path

SHARED = Path(__file__).parents[2].parent / "shared" / "corpus"
INLINE = [
    Document.from_text(
        "Salesforce to cut 1,000 jobs\n\nSalesforce Inc. will eliminate about 1,000 roles, the software maker said on "
        "Tuesday. The cuts represent less than 2% of its workforce of roughly 73,000 employees. Chief Executive Marc "
        'Benioff said in an interview with Bloomberg: "We are hiring salespeople." It expects charges of $90 million to '
        "$110 million, it said in an 8-K filing with the SEC. Microsoft cut 6,000 jobs in May.",
        title="Salesforce to cut 1,000 jobs",
        date="2025-03-04",
        language="en",
    ),
    Document.from_text(
        "Bosch streicht weitere 5.500 Stellen\n\nDer Technologiekonzern Bosch will bis zu 5.500 Arbeitsplätze abbauen, "
        "davon rund 3.800 in Deutschland. Das teilte das Unternehmen am Freitag mit. Grund seien die schwache Nachfrage "
        "und der Wettbewerbsdruck. Der Abbau soll bis Ende 2030 umgesetzt sein. „Das ist bitter“, sagte Betriebsratschef "
        "Frank Sell.",
        title="Bosch streicht weitere 5.500 Stellen",
        date="2025-11-14",
        language="de",
    ),
]


def _docs() -> list[Document]:
    docs = list(INLINE)
    if (SHARED / "articles").is_dir():
        docs += [read_path(p) for p in sorted((SHARED / "articles").glob("*.txt"))]
    return docs


def _items(record: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (kind, item)
        for kind in ("organizations", "people", "events", "filings", "quotes")
        for item in record[kind]
    ]


@pytest.mark.parametrize(
    "doc", _docs(), ids=lambda d: Path(d.source).name if d.source != "-" else d.title[:20]
)
def test_every_fact_has_a_span_that_matches_the_text(doc: Document) -> None:
    record = RuleExtractor().extract(doc)
    items = _items(record)
    assert items, "the extractor found nothing to check"
    for kind, item in items:
        evidence = item["evidence"]
        filled = [
            k for k, v in item.items() if k in _TEXT_FIELDS.get(kind, ()) and v not in (None, [], False)
        ]
        for field in filled:
            assert field in evidence, (
                f"{kind} {item.get('name') or item.get('organization')}: no evidence for {field}"
            )
        for field, ev in evidence.items():
            assert doc.text[ev["start"] : ev["end"]] == ev["exact"], (kind, field)
            assert ev["exact"].strip() == ev["exact"] and ev["exact"]
            assert len(ev["exact"]) < 600, f"{kind}.{field}: evidence should be a sentence, not the article"
    parse_record(record, source=doc.source)  # the record shape the importer takes


_TEXT_FIELDS = {
    "organizations": ("name",),
    "people": ("name", "role"),
    "events": (
        "jobs_cut", "workforce_share_percent", "headcount_before", "headcount_after", "headcount_target", "cost_min",
        "announced", "effective_by", "reasons", "units_affected", "announced_via", "spokesperson", "type",
    ),
    "filings": ("form",),
    "quotes": ("text", "speaker"),
}  # fmt: skip


def test_quote_evidence_is_the_quote_itself() -> None:
    record = RuleExtractor().extract(INLINE[1])
    (quote,) = record["quotes"]
    assert quote["evidence"]["text"]["exact"] == quote["text"] == "Das ist bitter"
