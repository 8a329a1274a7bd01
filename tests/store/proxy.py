"""A real HTTP proxy in front of the test server that fails on cue: for retries, auth and timeouts."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx


@dataclass
class Script:
    """What the proxy does: answer the next requests with these statuses (int) or delays (float s)."""

    steps: list[int | float] = field(default_factory=list)
    require: str | None = None
    """An Authorization header value the proxy insists on (401 otherwise)."""
    seen: list[tuple[str, str]] = field(default_factory=list)
    """(method, path) of every request that reached the proxy."""
    forwarded: int = 0


@contextmanager
def flaky_proxy(upstream: str) -> Iterator[tuple[str, Script]]:
    """A proxy to upstream on a free port; yields its URL and the script it follows."""
    script = Script()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def _handle(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with lock:
                script.seen.append((self.command, self.path))
                step = script.steps.pop(0) if script.steps else None
            if script.require is not None and self.headers.get("Authorization") != script.require:
                return self._answer(401, b"unauthorised")
            if isinstance(step, int):
                return self._answer(step, b"scripted failure", {"Retry-After": "0"})
            if isinstance(step, float):
                time.sleep(step)
            headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
            response = httpx.request(self.command, upstream + self.path, content=body, headers=headers)
            with lock:
                script.forwarded += 1
            content_type = {"Content-Type": response.headers.get("Content-Type", "")}
            self._answer(response.status_code, response.content, content_type)

        def _answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for key, value in (headers or {}).items():
                if value:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = _handle

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", script
    finally:
        server.shutdown()
        server.server_close()
