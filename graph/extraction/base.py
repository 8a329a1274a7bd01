"""The extractor interface and registry: any extractor that turns a `Document` into a record
of the gold JSON shape (with evidence spans) can be plugged in (an entry point in the group
`firmgraph.extractors`, or `register`) and scored the same way."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Protocol, runtime_checkable

from firmgraph.graph.errors import UnknownExtractorError
from firmgraph.graph.sources.document import Document

__all__ = ["ENTRY_POINT_GROUP", "Extractor", "available", "get_extractor", "register"]


@runtime_checkable
class Extractor(Protocol):
    """Turns a document into a record: keys article, organizations, people, events, filings, quotes.

    Every organisation, person, event, filing and quote carries `evidence`: for each field it
    filled from the text, `{"start", "end", "exact"}` with `doc.text[start:end] == exact`.
    """

    name: str
    version: str

    def extract(self, doc: Document) -> dict[str, Any]: ...


ENTRY_POINT_GROUP = "firmgraph.extractors"
"""Extractors are found under this entry-point group (the rule extractor is registered there too):

    [project.entry-points."firmgraph.extractors"]
    model = "mypackage.extractor:ModelExtractor"
"""

_REGISTRY: dict[str, Callable[[], Extractor]] = {}
_loaded = False


def _load_entry_points() -> None:
    """Register the extractors installed packages declare, once, without overriding `register` calls."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name not in _REGISTRY:
            _REGISTRY[entry.name] = _lazy(entry)


def _lazy(entry: EntryPoint) -> Callable[[], Extractor]:
    def factory() -> Extractor:
        return entry.load()()  # type: ignore[no-any-return]

    return factory


def register(name: str, factory: Callable[[], Extractor]) -> None:
    """Make an extractor available to `get_extractor(name)` at run time (e.g. in a notebook)."""
    _REGISTRY[name] = factory


def available() -> list[str]:
    """The names of the extractors: those registered and those installed packages declare."""
    _load_entry_points()
    return sorted(_REGISTRY)


def get_extractor(name: str = "rules") -> Extractor:
    """A fresh extractor by name.

    Raises:
        UnknownExtractorError: no extractor of that name is registered or installed.
    """
    _load_entry_points()
    factory = _REGISTRY.get(name)
    if factory is None:
        raise UnknownExtractorError(
            f"unknown extractor {name!r}; available: {', '.join(available()) or 'none'}"
        )
    return factory()
