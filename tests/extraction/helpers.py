"""Small helpers for extraction tests: run the rule extractor on inline text, look up records."""

from __future__ import annotations

from typing import Any

from firmgraph.graph.extraction import get_extractor
from firmgraph.graph.sources import Document


def extract(
    text: str, *, date: str | None = None, lang: str | None = None, publisher: str | None = None
) -> dict[str, Any]:
    title = text.strip().split("\n", 1)[0]
    doc = Document.from_text(text, title=title, date=date, language=lang, publisher=publisher)
    return get_extractor("rules").extract(doc)


def only_event(text: str, **kwargs: Any) -> dict[str, Any]:
    """The one event the extractor finds in `text` (extract's keywords)."""
    (event,) = extract(text, **kwargs)["events"]
    return event  # type: ignore[no-any-return]


def org(record: dict[str, Any], name: str) -> dict[str, Any]:
    found = [o for o in record["organizations"] if o["name"] == name]
    assert found, f"{name} not in {[o['name'] for o in record['organizations']]}"
    return found[0]


def names(record: dict[str, Any], key: str = "organizations") -> set[str]:
    return {x["name"] for x in record[key]}


def events_of(record: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [e for e in record["events"] if e["organization"] == name]


def event_with(record: dict[str, Any], **fields: Any) -> dict[str, Any]:
    found = [e for e in record["events"] if all(e.get(k) == v for k, v in fields.items())]
    assert len(found) == 1, (fields, record["events"])
    return found[0]
