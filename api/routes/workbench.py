"""The query workbench: an editor at /query, the cookbook of saved queries at /queries/{slug}."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from firmgraph.api.deps import AppSettings, Engine
from firmgraph.api.routes.errors import status_of
from firmgraph.api.routes.reading import select_rows
from firmgraph.api.routes.rendering import downloads, page, table_of
from firmgraph.api.routes.results import Paging, label_query, labelled, page_of, query_order, reorder
from firmgraph.api.routes.sparql import execute
from firmgraph.graph.errors import FirmgraphError
from firmgraph.graph.settings import Settings
from firmgraph.graph.sparql.cookbook import get_query
from firmgraph.graph.sparql.engine import QueryEngine, QueryJob
from firmgraph.graph.sparql.messages import PREDECLARED
from firmgraph.graph.sparql.syntax import error_position

router = APIRouter(include_in_schema=False)


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
        context["share"] = "/query?" + urlencode({"query": text})
        status = await _run(request, engine, settings, text, context)
    return _page("workbench.html", request, context, status)


@router.get("/queries/{slug}", response_class=HTMLResponse)
async def saved_query(slug: str, request: Request, engine: Engine, settings: AppSettings) -> HTMLResponse:
    canned = get_query(slug)  # UnknownQueryError is a NotFoundError: 404
    values = {name: request.query_params.get(name, default) for name, default in canned.params.items()}
    text = canned.bind(values)
    context: dict[str, Any] = {"canned": canned, "values": values, "query": text, "ran": False}
    context["share"] = f"/queries/{slug}" + ("?" + urlencode(values) if values else "")
    status = await _run(request, engine, settings, text, context)
    context["edit"] = "/query?" + urlencode({"query": text})
    return _page("saved.html", request, context, status)


async def _run(
    request: Request, engine: QueryEngine, settings: Settings, text: str, context: dict[str, Any]
) -> int:
    """Run a query for a page; its result (one page of it) or its error go into the context. Returns the status."""
    job = QueryJob(
        text,
        tabular="application/sparql-results+json",
        graph="application/n-triples",
        max_rows=settings.max_rows,
    )
    context["ran"] = True
    params = request.query_params
    try:
        paging = Paging.parse(params.get("page"), params.get("per"), params.get("sort"))
        outcome = await execute(request, engine, job, settings)
        table = table_of(outcome, settings.base_iri)
        if table.kind == "solutions":
            table = reorder(table, query_order(text, table.columns))
        shown, pages = page_of(table, paging)
        iris = sorted(
            {c.title for row in shown.rows for c in row if c and c.href and c.href.startswith("/id/")}
        )
        if iris:
            rows = await select_rows(request, engine, settings, label_query(iris))
            labels = {r["x"]: r.get("name") or r.get("label") or r.get("headline") for r in rows}
            shown = labelled(shown, {k: v for k, v in labels.items() if v})
    except FirmgraphError as e:
        context["error"] = {"type": type(e).__name__, "message": str(e), "position": error_position(str(e))}
        return status_of(e)
    context.update(table=shown, total=len(table.rows), pages=pages, paging=paging, cap=settings.max_rows)
    context["downloads"] = downloads(text, outcome.kind)
    context["has_iris"] = bool(iris)
    return 200


def _page(name: str, request: Request, context: dict[str, Any], status: int) -> HTMLResponse:
    context.setdefault("error", None)
    context.setdefault("table", None)
    context.setdefault("downloads", [])
    context.setdefault("share", None)
    context.setdefault("has_iris", False)
    return page(name, request, {"prefixes": PREDECLARED, **context}, status)
