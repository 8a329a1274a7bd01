"""The home page (what the graph holds, where to go), and the Explore, Data and Docs pages."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from firmgraph.api.deps import AppSettings, Engine
from firmgraph.api.routes.entities import link
from firmgraph.api.routes.reading import saved_rows
from firmgraph.api.routes.rendering import page
from firmgraph.api.routes.workbench import workbench_page
from firmgraph.graph.publish.jsonld import CONTEXT_IRI
from firmgraph.graph.views.network import LINKS

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

COUNTS = ("firms", "events", "sources", "organizations", "people")


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, engine: Engine, settings: AppSettings) -> HTMLResponse:
    """The home page; `/?query=...` (links shared before /query existed) runs the query in the workbench."""
    if "query" in request.query_params:
        return await workbench_page(request, engine, settings)
    summary = await saved_rows(request, engine, settings, "graph-summary")
    counts = {row["what"]: int(row["count"]) for row in summary}
    latest = await saved_rows(request, engine, settings, "latest-imports")
    seen: dict[str, dict[str, str]] = {}
    for row in latest:  # one line per source (a source may carry several names)
        seen.setdefault(row["source"], row)
    context: dict[str, Any] = {
        "counts": [(name, counts.get(name, 0)) for name in COUNTS],
        "latest": [_source(row, settings.base_iri) for row in seen.values()],
        "links": LINKS,
    }
    return page("home.html", request, context)


@router.get("/explore", response_class=HTMLResponse)
async def explore(request: Request) -> HTMLResponse:
    return page("explore.html", request, {"links": LINKS})


@router.get("/data", response_class=HTMLResponse)
async def data(request: Request, settings: AppSettings) -> HTMLResponse:
    return page("data.html", request, {"context_href": link(CONTEXT_IRI, settings.base_iri)})


@router.get("/docs", response_class=HTMLResponse)
async def docs(request: Request) -> HTMLResponse:
    return page("docs.html", request, {})


def _source(row: dict[str, str], base: str) -> dict[str, str]:
    iri = row["source"]
    href = "/" + iri[len(base) :] if iri.startswith(base) else iri
    return {
        "href": href,
        "title": row.get("title") or row.get("file") or iri,
        "imported": row.get("imported", ""),
    }
