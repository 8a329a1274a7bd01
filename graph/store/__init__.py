"""Stores: one interface, an embedded default and (later) remote SPARQL 1.1 endpoints."""

from __future__ import annotations

from pathlib import Path

from firmgraph.graph.store.base import Commit, QueryResult, Store
from firmgraph.graph.store.embedded import EmbeddedStore

__all__ = ["Commit", "EmbeddedStore", "QueryResult", "Store", "open_store"]


def open_store(location: str | Path | None) -> Store:
    """Open the store a location names: a folder (embedded, the default) or None (in memory)."""
    if isinstance(location, str) and location.startswith(("http://", "https://")):
        raise NotImplementedError("remote stores are not available yet")
    return EmbeddedStore(location)
