"""The extractor interface and registry: any extractor that turns a `Document` into a record
of the gold JSON shape (with evidence spans) can be plugged in and scored the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from firmgraph.graph.errors import FirmgraphError
from firmgraph.graph.sources.document import Document


@runtime_checkable
class Extractor(Protocol):
    """Turns a document into a record: keys article, organizations, people, events, filings, quotes.

    Every organisation, person, event, filing and quote carries `evidence`: for each field it
    filled from the text, `{"start", "end", "exact"}` with `doc.text[start:end] == exact`.
    """

    name: str
    version: str

    def extract(self, doc: Document) -> dict[str, Any]: ...


_REGISTRY: dict[str, Callable[[], Extractor]] = {}


def register(name: str, factory: Callable[[], Extractor]) -> None:
    """Make an extractor available to `get_extractor(name)` (e.g. a model-based one)."""
    _REGISTRY[name] = factory


def available() -> list[str]:
    return sorted(_REGISTRY)


def get_extractor(name: str = "rules") -> Extractor:
    """A fresh extractor by name.

    Raises:
        FirmgraphError: no extractor of that name is registered.
    """
    factory = _REGISTRY.get(name)
    if factory is None:
        raise FirmgraphError(f"unknown extractor {name!r}; available: {', '.join(available()) or 'none'}")
    return factory()
