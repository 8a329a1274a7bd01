"""Cross-origin access: reads from the configured read origins; writes only from the write origins.

A browser sends the token in an `Authorization` header, which a cross-origin request may carry
only after a preflight allows it. Read origins (`FIRMGRAPH_CORS_ORIGINS`, default any) get a
preflight without it, so a page elsewhere cannot use a token it happens to know; origins listed
in `FIRMGRAPH_CORS_WRITE_ORIGINS` (default none) may send it, with the write methods.
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from firmgraph.graph.errors import ConfigurationError
from firmgraph.graph.settings import Settings

__all__ = ["CrossOrigin", "origins"]

EXPOSED = ["X-Firmgraph-Rows", "Location"]


def origins(text: str) -> list[str]:
    """A comma-separated origin list as a list."""
    return [o.strip().rstrip("/") for o in text.split(",") if o.strip()]


class CrossOrigin:
    """ASGI middleware: CORS for reads, and for writes from the write origins only."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        read, write = origins(settings.cors_origins), origins(settings.cors_write_origins)
        if "*" in write:
            raise ConfigurationError(
                "FIRMGRAPH_CORS_WRITE_ORIGINS must list origins (https://host[:port]), not '*':"
                " any page could then write with a token it learns"
            )
        self.app = app
        self.write_origins = {o.lower() for o in write}
        self.reads = (
            CORSMiddleware(
                app,
                allow_origins=read,
                allow_credentials=False,
                allow_methods=["GET", "HEAD", "POST"],
                allow_headers=["Accept", "Content-Type"],
                expose_headers=EXPOSED,
            )
            if read
            else app
        )
        self.writes = CORSMiddleware(
            app,
            allow_origins=write,
            allow_credentials=False,
            allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE"],
            allow_headers=["Accept", "Content-Type", "Authorization"],
            expose_headers=EXPOSED,
            max_age=600,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.write_origins:
            origin = next((v for k, v in scope["headers"] if k == b"origin"), b"").decode("latin-1")
            if origin.lower() in self.write_origins:
                await self.writes(scope, receive, send)
                return
        await self.reads(scope, receive, send)
