"""Running the app under uvicorn with the limits a public server needs.

Slow clients are cut (headers within `header_timeout`, a whole request within `body_timeout`),
connections are capped, keep-alive is short, and SIGTERM stops the server within seconds:
in-flight requests get `graceful` seconds, then the process exits whatever its threads do.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import resource
import threading
import time
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["BoundedH11Protocol", "serve"]


class _ReadDeadlines:
    """Read deadlines for a uvicorn HTTP protocol: a request must arrive in time, or the connection closes."""

    header_timeout = 10.0
    body_timeout = 60.0
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport
    cycle: Any

    def connection_made(self, transport: asyncio.Transport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._reading_since: float | None = time.monotonic()
        self._watch = self.loop.call_later(1.0, self._check)

    def data_received(self, data: bytes) -> None:
        if self._reading_since is None and (self.cycle is None or self.cycle.response_complete):
            self._reading_since = time.monotonic()  # a new request begins
        super().data_received(data)  # type: ignore[misc]
        if self.cycle is not None and not self.cycle.more_body:
            self._reading_since = None  # all of it is in

    def on_response_complete(self) -> None:
        self._reading_since = None
        super().on_response_complete()  # type: ignore[misc]

    def connection_lost(self, exc: Exception | None) -> None:
        self._watch.cancel()
        super().connection_lost(exc)  # type: ignore[misc]

    def _check(self) -> None:
        if self.transport.is_closing():
            return
        since = self._reading_since
        if since is not None:
            headers_in = self.cycle is not None and not self.cycle.response_complete
            limit = self.body_timeout if headers_in else self.header_timeout
            if time.monotonic() - since > limit:
                self.transport.close()
                return
        self._watch = self.loop.call_later(1.0, self._check)


class BoundedH11Protocol(_ReadDeadlines, H11Protocol):
    """uvicorn's h11 protocol with read deadlines."""


def _protocol() -> type:
    """The fastest HTTP protocol uvicorn has here (httptools when installed), with read deadlines."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:
        return BoundedH11Protocol
    return type("BoundedHttpToolsProtocol", (_ReadDeadlines, HttpToolsProtocol), {})


def serve(app: Any, *, host: str, port: int, max_connections: int = 1000, graceful: float = 3.0) -> None:
    """Serve the app until SIGTERM/SIGINT; the process is gone within `graceful` + 3 seconds."""
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = max_connections + 256
        if soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        http=_protocol(),  # type: ignore[arg-type]
        timeout_keep_alive=5,
        limit_concurrency=max_connections,
        timeout_graceful_shutdown=int(graceful),
    )
    server = uvicorn.Server(config)
    try:
        server.run()
    finally:
        # threads stuck in the store must not keep the process alive after the server stopped
        threading.Timer(graceful + 3.0, os._exit, args=(0,)).start()
