"""The query workbench: an editor at /query, the cookbook of saved queries at /queries/{slug}."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from firmgraph.api.deps import AppSettings, Engine
from firmgraph.api.routes.errors import status_of
from firmgraph.api.routes.rendering import downloads, page, table_of
from firmgraph.api.routes.sparql import execute
from firmgraph.graph.errors import FirmgraphError
from firmgraph.graph.settings import Settings
from firmgraph.graph.sparql.cookbook import get_query
from firmgraph.graph.sparql.engine import QueryEngine, QueryJob
from firmgraph.graph.sparql.messages import PREDECLARED
from firmgraph.graph.sparql.syntax import error_position

router = APIRouter(include_in_schema=False)

PAGE_ROWS = 1000
"""At most this many rows on a page; the download links give the rest (up to the row cap)."""

STARTER = (
    "# fg:, schema:, org:, rdfs: ... are predeclared: no PREFIX lines needed\n"
    "SELECT ?firm ?jobsCut ?announced WHERE {\n"
    "  ?event fg:organization/schema:name ?firm ;\n"
    "         fg:jobsCut ?jobsCut .\n"
    "  OPTIONAL { ?event fg:announced ?announced }\n"
    "}\nORDER BY DESC(?jobsCut)\nLIMIT 100\n"
)


@router.get("/query", response_class=HTMLResponse)
async def workbench(request: Request, engine: Engine, settings: AppSettings) -> HTMLResponse:
    return await workbench_page(request, engine, settings)


async def workbench_page(request: Request, engine: QueryEngine, settings: Settings) -> HTMLResponse:
    """The editor with the query of `?query=` run, if there is one."""
    text = request.query_params.get("query")
    context: dict[str, Any] = {"query": text or STARTER, "ran": False}
    status = 200
    if text and text.strip():
        status = await _run(request, engine, settings, text, context)
        context["share"] = "/query?" + urlencode({"query": text})
    return _page("workbench.html", request, context, status)


@router.get("/queries/{slug}", response_class=HTMLResponse)
async def saved_query(slug: str, request: Request, engine: Engine, settings: AppSettings) -> HTMLResponse:
    canned = get_query(slug)  # UnknownQueryError is a NotFoundError: 404
    values = {name: request.query_params.get(name, default) for name, default in canned.params.items()}
    text = canned.bind(values)
    context: dict[str, Any] = {"canned": canned, "values": values, "query": text, "ran": False}
    status = await _run(request, engine, settings, text, context)
    context["share"] = f"/queries/{slug}" + ("?" + urlencode(values) if values else "")
    context["edit"] = "/query?" + urlencode({"query": text})
    return _page("saved.html", request, context, status)


async def _run(
    request: Request, engine: QueryEngine, settings: Settings, text: str, context: dict[str, Any]
) -> int:
    """Run a query for a page; its result or its error go into the context. Returns the status."""
    job = QueryJob(
        text,
        tabular="application/sparql-results+json",
        graph="application/n-triples",
        max_rows=min(settings.max_rows, PAGE_ROWS),
    )
    context["ran"] = True
    try:
        outcome = await execute(request, engine, job, settings)
    except FirmgraphError as e:
        context["error"] = {"type": type(e).__name__, "message": str(e), "position": error_position(str(e))}
        return status_of(e)
    context["table"] = table_of(outcome, settings.base_iri)
    context["downloads"] = downloads(text, outcome.kind)
    return 200


def _page(name: str, request: Request, context: dict[str, Any], status: int) -> HTMLResponse:
    context.setdefault("error", None)
    context.setdefault("table", None)
    context.setdefault("downloads", [])
    context.setdefault("share", None)
    return page(name, request, {"page_rows": PAGE_ROWS, "prefixes": PREDECLARED, **context}, status)
