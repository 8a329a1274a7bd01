"""Search by name: `/search?q=` as a page for browsers and as JSON (`Accept: application/json` or `format=json`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from firmgraph.api.deps import AppSettings, Engine
from firmgraph.api.routes.reading import runner
from firmgraph.api.routes.rendering import page
from firmgraph.graph.sparql.names import SEARCH_KINDS, Hit, search

__all__ = ["router"]

router = APIRouter(tags=["Search"])


def _wants_json(request: Request) -> bool:
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _links(hit: Hit, base: str) -> dict[str, str]:
    """Where a hit leads: its page, and for firms and people their network and timeline."""
    links = {"page": "/" + hit.iri[len(base) :] if hit.iri.startswith(base) else hit.iri}
    if hit.kind in ("org", "person"):
        links["network"] = "/views/network?" + urlencode({"focus": hit.iri})
    if hit.kind == "org":
        links["timeline"] = "/views/timeline?" + urlencode({"firm": hit.iri})
    return links


@router.get("/search", summary="Firms, people, events and sources by name (case-insensitive, partial)")
async def search_page(request: Request, engine: Engine, settings: AppSettings) -> Response:
    """`q`: part of a name; `kind` (repeatable): org, person, event, doc, filing; `limit` (1-100)."""
    q = request.query_params.get("q", "")
    kinds = request.query_params.getlist("kind") or list(SEARCH_KINDS)
    limit = max(1, min(int(request.query_params.get("limit", "20") or 20), 100))
    hits: list[Hit] = []
    if q.strip():
        hits = await anyio.to_thread.run_sync(
            lambda: search(runner(engine), q, base_iri=settings.base_iri, kinds=kinds, limit=limit),
            limiter=request.app.state.limiter,
        )
    found = [{**h.to_json(), "links": _links(h, settings.base_iri)} for h in hits]
    if _wants_json(request):
        return JSONResponse({"query": q, "hits": found})
    context: dict[str, Any] = {"q": q, "hits": found}
    return page("search.html", request, context)
