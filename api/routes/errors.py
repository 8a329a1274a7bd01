"""The one mapping of firmgraph's error tree to HTTP statuses, and the handlers that apply it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from firmgraph.api.negotiation import NotAcceptable
from firmgraph.api.routes.rendering import page
from firmgraph.graph.errors import (
    AccessError,
    AmbiguousNameError,
    ConfigurationError,
    FirmgraphError,
    InputError,
    InputTooLargeError,
    MethodNotAllowedError,
    NotAuthorizedError,
    NotFoundError,
    QueryError,
    QueryTimeoutError,
    ShapeViolationError,
    StorageFullError,
    StoreError,
    UnsupportedMediaTypeError,
    describe,
)
from firmgraph.graph.sparql.syntax import error_position

STATUS: tuple[tuple[type[FirmgraphError], int], ...] = (
    (InputTooLargeError, 413),
    (UnsupportedMediaTypeError, 415),
    (InputError, 400),
    (ShapeViolationError, 422),
    (QueryTimeoutError, 503),
    (QueryError, 400),
    (NotFoundError, 404),
    (NotAuthorizedError, 401),
    (MethodNotAllowedError, 405),
    (AccessError, 403),
    (ConfigurationError, 400),
    (StorageFullError, 507),
    (StoreError, 503),
)
"""Error class -> HTTP status, most specific first (the first match wins; anything else is a 500).

The only place that turns errors into statuses: handlers raise library errors, never HTTPException."""

_PHRASES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    406: "NotAcceptable",
    413: "ContentTooLarge",
    415: "UnsupportedMediaType",
}


def status_of(error: FirmgraphError) -> int:
    return next((code for cls, code in STATUS if isinstance(error, cls)), 500)


def body_of(error: FirmgraphError) -> dict[str, Any]:
    """The JSON body: the error's class and message, a query error's line and column, a report."""
    body = describe(error)
    if isinstance(error, QueryError) and not isinstance(error, QueryTimeoutError):
        position = error_position(str(error))
        if position:
            body["line"], body["column"] = position
    return body


def headers_of(error: FirmgraphError) -> dict[str, str]:
    """The headers a status needs: Allow on 405, WWW-Authenticate on 401."""
    if isinstance(error, MethodNotAllowedError):
        return {"Allow": error.allow}
    if isinstance(error, NotAuthorizedError):
        return {"WWW-Authenticate": "Bearer"}
    return {}


async def firmgraph_error(request: Request, error: FirmgraphError) -> Response:
    return _respond(request, status_of(error), body_of(error), headers_of(error), _choices(request, error))


def _choices(request: Request, error: FirmgraphError) -> list[dict[str, str]]:
    """For a name that fits several entities: the same page with each of them in its place."""
    if not isinstance(error, AmbiguousNameError):
        return []
    out = []
    for choice in error.choices:
        params = [
            (k, choice["iri"] if v.strip() == error.name else v)
            for k, v in request.query_params.multi_items()
        ]
        out.append({**choice, "href": request.url.path + "?" + urlencode(params)})
    return out


async def not_acceptable(request: Request, error: NotAcceptable) -> Response:
    body = {
        "error": "NotAcceptable",
        "message": str(error),
        "available": [f.media_type for f in error.offered],
    }
    return _respond(request, 406, body)


async def http_error(request: Request, error: HTTPException) -> Response:
    body = {"error": _PHRASES.get(error.status_code, "HTTPError"), "message": str(error.detail)}
    return _respond(request, error.status_code, body, dict(error.headers or {}))


def _wants_html(request: Request) -> bool:
    """Pages answer errors as pages; the protocol endpoints always in JSON."""
    if request.url.path.startswith(("/sparql", "/rdf-graphs")):
        return False
    return "text/html" in request.headers.get("accept", "")


def _respond(
    request: Request,
    status: int,
    body: dict[str, Any],
    headers: dict[str, str] | None = None,
    choices: list[dict[str, str]] | None = None,
) -> Response:
    if _wants_html(request):
        context = {"status": status, "error": body, "choices": choices or []}
        response = page("error.html", request, context, status)
        response.headers.update(headers or {})
        return response
    return JSONResponse(body, status_code=status, headers=headers)
