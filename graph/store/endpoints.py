"""Where a remote store's endpoints are, product by product, and the settings to reach it."""

from __future__ import annotations

import re
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
    "accept_for",
    "connection_options",
    "get_remote_settings",
    "lenient_blank_labels",
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
    default_graph: bool = True
    """The GSP answers `GET ?default` (Virtuoso's answers 500: its default graph is then taken as empty)."""
    system_graphs: tuple[str, ...] = ()
    """IRI prefixes of the store's own graphs, left out of graph lists, counts and exports."""
    batch_bytes: int | None = None
    """Largest update request the store takes, where it is smaller than the setting."""
    skolemize: bool = False
    """The store refuses blank nodes in `INSERT DATA` (Virtuoso: SP031): they are written as skolem IRIs."""


LAYOUTS: dict[str, Layout] = {
    "oxigraph": Layout("/query", "/update", "/store", "text/tab-separated-values", dataset_post=True),
    "fuseki": Layout("/sparql", "/update", "/data"),
    "graphdb": Layout("", "/statements", "/rdf-graphs/service"),
    "virtuoso": Layout(
        "/sparql",
        "/sparql-auth",
        "/sparql-graph-crud-auth",
        update_form=True,
        default_graph=False,
        system_graphs=(
            "http://www.openlinksw.com/",
            "http://www.w3.org/ns/ldp#",
            "http://www.w3.org/2002/07/owl",
            "http://localhost:8890/",
            "http://localuriqaserver/",
            "virtrdf:",
        ),
        batch_bytes=64 * 1024,
        skolemize=True,
    ),
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
        batch_bytes=min(settings.batch_bytes, layout.batch_bytes or settings.batch_bytes),
        verify_tls=settings.verify_tls,
    )


def without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if not parts.username:
        return url
    netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


_GRAPH_FORM = re.compile(
    r"^\s*(?:(?:#[^\n]*|PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*(CONSTRUCT|DESCRIBE)\b", re.IGNORECASE
)
"""A query whose answer is a graph (after its prologue), which gets RDF types in its Accept header."""
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_NODE_ID = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")nodeID://')
"""Virtuoso's blank-node labels (`nodeID://b10001`), which are not valid labels: the prefix is dropped."""


def accept_for(query: str, layout: Layout) -> str:
    """The Accept header for a query: RDF types for CONSTRUCT/DESCRIBE, result types for SELECT/ASK."""
    if _GRAPH_FORM.match(query):
        return _GRAPH_ACCEPT
    return f"{layout.results}, application/sparql-results+json;q=0.9"


def lenient_blank_labels(body: bytes) -> bytes:
    """SPARQL JSON results with Virtuoso's `nodeID://` blank-node labels made valid labels."""
    return _NODE_ID.sub(rb"\1", body)
