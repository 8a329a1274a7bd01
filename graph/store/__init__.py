"""Stores: one interface, an embedded default and remote SPARQL 1.1 endpoints."""

from __future__ import annotations

from pathlib import Path

from firmgraph.graph.settings import RemoteSettings
from firmgraph.graph.store.base import Commit, Queryable, QueryResult, Store
from firmgraph.graph.store.embedded import EmbeddedStore
from firmgraph.graph.store.remote import RemoteStore

__all__ = ["Commit", "EmbeddedStore", "QueryResult", "Queryable", "RemoteStore", "Store", "open_store"]


def open_store(location: str | Path | None, remote: RemoteSettings | None = None) -> Store:
    """Open the store a location names: an http(s) URL (remote), a folder (embedded) or None (in memory).

    `remote` says how to reach a remote store (default: the process-wide settings' `remote`).
    """
    if isinstance(location, str) and location.startswith(("http://", "https://")):
        return RemoteStore.from_url(location, remote)
    return EmbeddedStore(location)
