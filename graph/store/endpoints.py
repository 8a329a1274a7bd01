"""Where a remote store's endpoints are, product by product, and the settings to reach it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from firmgraph.graph.errors import StoreError
from firmgraph.graph.settings import RemoteSettings, get_settings

__all__ = [
    "LAYOUTS",
    "Layout",
    "RemoteSettings",
    "connection_options",
    "get_remote_settings",
    "without_credentials",
]


@dataclass(frozen=True)
class Layout:
    """Where a store puts its endpoints, relative to the URL firmgraph is given."""

    query: str
    update: str
    gsp: str | None
    """Graph Store Protocol endpoint, or None where the store has none."""
    results: str = "application/sparql-results+json"
    update_form: bool = False
    """Send updates as a form field (`update=`) instead of an application/sparql-update body."""
    dataset_post: bool = False
    """The GSP endpoint takes N-Quads/TriG for the whole dataset (no ?graph), so dumps stream as they are."""


LAYOUTS: dict[str, Layout] = {
    "oxigraph": Layout("/query", "/update", "/store", "text/tab-separated-values", dataset_post=True),
    "fuseki": Layout("/sparql", "/update", "/data"),
    "graphdb": Layout("", "/statements", "/rdf-graphs/service"),
    "virtuoso": Layout("/sparql", "/sparql-auth", "/sparql-graph-crud-auth", update_form=True),
    "neptune": Layout("/sparql", "/sparql", "/sparql/gsp/", update_form=True),
    "sparql": Layout("", "", None, update_form=True),
    "firmgraph": Layout("/sparql", "/sparql/update", "/rdf-graphs", "text/tab-separated-values"),
}
"""Known layouts: pick one with the URL's fragment (`http://host:3030/ds#fuseki`) or the layout setting."""


def get_remote_settings() -> RemoteSettings:
    """The remote settings of the process-wide settings (`get_settings().remote`)."""
    return get_settings().remote


def connection_options(url: str, settings: RemoteSettings) -> dict[str, Any]:
    """RemoteStore's arguments for a URL: its fragment (or the layout setting) says where the endpoints are."""
    parts = urlsplit(url)
    name = parts.fragment or settings.layout
    if name not in LAYOUTS:
        raise StoreError(f"unknown remote layout {name!r}; choose from {', '.join(LAYOUTS)}")
    layout = LAYOUTS[name]
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    base = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), parts.query, ""))
    auth: httpx.Auth | None = None
    if parts.username:
        user, password = parts.username, parts.password or ""
        auth = (
            httpx.DigestAuth(user, password)
            if settings.auth_scheme == "digest"
            else httpx.BasicAuth(user, password)
        )
    gsp = (
        settings.gsp_url
        if settings.gsp_url is not None
        else (base + layout.gsp if layout.gsp is not None else None)
    )
    return dict(
        query_url=settings.query_url or base + layout.query,
        update_url=settings.update_url or base + layout.update,
        gsp_url=gsp,
        layout=layout,
        authorization=settings.auth or (f"Bearer {settings.token}" if settings.token else None),
        auth=auth,
        timeout=settings.timeout,
        retries=settings.retries,
        backoff=settings.backoff,
        batch_bytes=settings.batch_bytes,
        verify_tls=settings.verify_tls,
    )


def without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if not parts.username:
        return url
    netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
