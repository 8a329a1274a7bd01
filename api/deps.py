"""FastAPI dependencies, as Annotated aliases the route handlers declare."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from firmgraph.graph.errors import (
    InputTooLargeError,
    MethodNotAllowedError,
    NotAuthorizedError,
    WritesDisabledError,
)
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.model.terms import named_node
from firmgraph.graph.settings import Settings, get_settings
from firmgraph.graph.sparql.bounded import BoundedQueries
from firmgraph.graph.sparql.engine import QueryEngine
from firmgraph.graph.sparql.writes import GuardedWriter

__all__ = ["KG", "AppSettings", "Body", "Engine", "WriteAccess", "Writer", "server_address"]


def get_kg(request: Request) -> KnowledgeGraph:
    return request.app.state.kg  # type: ignore[no-any-return]


def get_engine(request: Request) -> QueryEngine:
    return request.app.state.engine  # type: ignore[no-any-return]


def get_reader(request: Request) -> BoundedQueries:
    """The store's read side with every query through the engine (its time limit, its workers)."""
    return BoundedQueries(request.app.state.engine)


def get_writer(request: Request) -> GuardedWriter:
    writer: GuardedWriter | None = request.app.state.writer
    if writer is None:
        raise MethodNotAllowedError("this store is read-only over HTTP", allow="GET, HEAD")
    return writer


KG = Annotated[KnowledgeGraph, Depends(get_kg)]
Engine = Annotated[QueryEngine, Depends(get_engine)]
Reader = Annotated[BoundedQueries, Depends(get_reader)]
Writer = Annotated[GuardedWriter, Depends(get_writer)]
AppSettings = Annotated[Settings, Depends(get_settings)]
"""The settings (create_app(settings=...) overrides get_settings for its app)."""


def require_token(request: Request, settings: AppSettings) -> None:
    """Writes need `Authorization: Bearer <FIRMGRAPH_TOKEN>`; without a configured token they are off."""
    if not settings.token:
        raise WritesDisabledError(
            "writes are disabled on this server (it was started without FIRMGRAPH_TOKEN)"
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
        raise NotAuthorizedError("writes need the header 'Authorization: Bearer <token>'")


WriteAccess = Annotated[None, Depends(require_token)]


async def read_body(request: Request, settings: AppSettings) -> bytes:
    """The request body, refused with 413 past settings.max_body_bytes (before reading it all)."""
    limit = settings.max_body_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise InputTooLargeError(f"the request body is over the limit of {limit:,} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise InputTooLargeError(f"the request body is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


Body = Annotated[bytes, Depends(read_body)]


def server_address(request: Request, public_url: str) -> str:
    """This server's address for links in answers: the configured public URL, else the request's own."""
    address = (public_url or str(request.base_url)).rstrip("/")
    named_node(address)  # a Host header that makes no IRI is refused (400), never written out
    return address
