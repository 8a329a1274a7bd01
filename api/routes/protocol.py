"""What the SPARQL protocol's operations share: content types, form bodies, single parameters."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import Request

from firmgraph.graph.errors import InputError

FORM = "application/x-www-form-urlencoded"


def content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def parse_form(body: bytes) -> dict[str, list[str]]:
    return parse_qs(decode(body), keep_blank_values=True)


def decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"the request body is not UTF-8 text (byte {e.start})") from e


def one(values: list[str], name: str) -> str:
    if len(values) != 1:
        raise InputError(f"give exactly one '{name}' parameter (got {len(values)})")
    if not values[0].strip():
        raise InputError(f"the '{name}' parameter is empty")
    return values[0]


def first(values: list[str] | None) -> str | None:
    return values[0] if values else None
