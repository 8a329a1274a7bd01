"""Network views and the timeline over HTTP: `/views/network`, `/views/firms`, `/views/timeline`.

Every parameter arrives as text and is checked by the library (`graph.filters`): a bad value is
a 400, a focus or firm that is not in the graph a 404. The graphs are pulled through the query
engine, so each is one bounded query that the server's time limit cuts. Each page carries a form
that reloads it with new parameters (the filters re-query on the server).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from firmgraph.api.deps import AppSettings, Engine
from firmgraph.api.routes.reading import runner
from firmgraph.api.routes.rendering import with_site_header
from firmgraph.graph.errors import InputError
from firmgraph.graph.sparql.guard import refuse_remote_calls
from firmgraph.graph.views.filters import EVENT_TYPES, Filters, parse_cap, parse_max_links, parse_window
from firmgraph.graph.views.network import LINKS, network
from firmgraph.graph.views.render import render_network
from firmgraph.graph.views.results import result_network
from firmgraph.graph.views.timeline import firm_timeline

__all__ = ["router"]

router = APIRouter(prefix="/views", tags=["Views"])

TSV = "text/tab-separated-values"
FILTERS = ("from", "to", "reason", "event_type", "min_jobs", "language", "source")


def _params(request: Request) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    return params


def _one(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[-1] if values else None


def _filter_options(params: dict[str, list[str]]) -> dict[str, Any]:
    options: dict[str, Any] = {
        "start": _one(params, "from"),
        "end": _one(params, "to"),
        "min_jobs": _one(params, "min_jobs"),
    }
    for key in ("reason", "event_type", "language", "source"):
        options[key] = params.get(key)
    return options


def _field(label: str, name: str, value: str | None, *, kind: str = "text", size: int = 10) -> str:
    return (
        f'<label>{html.escape(label)}<input name="{name}" type="{kind}" size="{size}" '
        f'value="{html.escape(value or "", quote=True)}"></label>'
    )


def _select(label: str, name: str, value: str | None, choices: Iterable[tuple[str, str]]) -> str:
    options = "".join(
        f'<option value="{html.escape(v, quote=True)}"{" selected" if v == (value or "") else ""}>'
        f"{html.escape(text)}</option>"
        for v, text in choices
    )
    return f'<label>{html.escape(label)}<select name="{name}">{options}</select></label>'


def _controls(action: str, params: dict[str, list[str]], first: list[str]) -> str:
    """The filter form: the view's own fields, then the shared filters; submitting reloads the view."""
    one = lambda key: _one(params, key)  # noqa: E731
    joined = lambda key: ",".join(params.get(key, []))  # noqa: E731
    types = [("", "any"), *((t, t.replace("_", " ")) for t in EVENT_TYPES)]
    fields = [
        *first,
        _field("from", "from", one("from"), size=10),
        _field("to", "to", one("to"), size=10),
        _field("reason", "reason", joined("reason"), size=10),
        _select("event type", "event_type", one("event_type"), types),
        _field("min. jobs cut", "min_jobs", one("min_jobs"), kind="number", size=7),
        _field("language", "language", joined("language"), size=4),
        _field("source", "source", joined("source"), size=12),
    ]
    return (
        f'<form class="controls" method="get" action="{action}">{"".join(fields)}'
        '<button type="submit">show</button></form>'
    )


async def _page(request: Request, build: Any) -> Response:
    html_text = await anyio.to_thread.run_sync(build, limiter=request.app.state.limiter)
    return HTMLResponse(with_site_header(html_text))


@router.get("/network", response_class=HTMLResponse, summary="The ego network of an entity")
async def network_view(request: Request, engine: Engine, settings: AppSettings) -> Response:
    """Entities within `hops` (1-4) of `focus` (an IRI); filters: from, to, reason, event_type, min_jobs,
    language, source; `cap` (1-5000) nodes at most."""
    params = _params(request)
    focus, hops = _one(params, "focus"), _one(params, "hops")
    cap = parse_cap(_one(params, "cap"))
    options = _filter_options(params)
    Filters.parse(**options)  # a bad filter is a 400 before any query runs

    def build() -> str:
        lateral = request.app.state.kg.store.lateral
        graph = network(
            runner(engine), focus or "", hops=hops, base_iri=settings.base_iri, lateral=lateral, **options
        )
        first = [
            _field("focus", "focus", focus, size=40),
            _select("hops", "hops", str(graph.graph["hops"]), ((str(h), str(h)) for h in range(1, 5))),
            _field("cap", "cap", str(cap), kind="number", size=5),
        ]
        return render_network(graph, controls=_controls("network", params, first), cap=cap, link_base="/")

    return await _page(request, build)


@router.get(
    "/firms", response_class=HTMLResponse, summary="Firms linked by shared people, co-mention or waves"
)
async def firms_view(request: Request, engine: Engine, settings: AppSettings) -> Response:
    """Firm-firm projection by `link` (shared-people, co-mention, wave; `window` days for waves, at
    most `links` wave links, the heaviest)."""
    params = _params(request)
    link, window = _one(params, "link") or "co-mention", _one(params, "window")
    cap = parse_cap(_one(params, "cap"))
    max_links = parse_max_links(_one(params, "links"))
    options = _filter_options(params)
    Filters.parse(**options)

    def build() -> str:
        graph = network(
            runner(engine),
            link=link,
            window_days=window,
            base_iri=settings.base_iri,
            max_links=max_links,
            **options,
        )
        first = [
            _select("link", "link", link, ((name, name) for name in LINKS)),
            _field("window (days)", "window", str(graph.graph["window_days"]), kind="number", size=4),
            _field("max. wave links", "links", _one(params, "links"), kind="number", size=6),
            _field("cap", "cap", str(cap), kind="number", size=5),
        ]
        return render_network(graph, controls=_controls("firms", params, first), cap=cap, link_base="/")

    return await _page(request, build)


@router.get("/timeline", response_class=HTMLResponse, summary="Restructuring events per firm over time")
async def timeline_view(request: Request, engine: Engine, settings: AppSettings) -> Response:
    """Events of the `firm` IRIs (repeatable; default: the firms that cut most), grouped into waves of
    `window` days; the same filters as the network views."""
    params = _params(request)
    firms = [f for value in params.get("firm", []) for f in value.split(",") if f.strip()]
    window = _one(params, "window")
    filters = Filters.parse(**_filter_options(params))
    window_days = parse_window(window)

    def build() -> str:
        timeline = firm_timeline(runner(engine), firms, filters, window_days=window_days)
        first = [
            _field("firms", "firm", ",".join(firms), size=40),
            _field("window (days)", "window", str(window_days), kind="number", size=4),
        ]
        return timeline.to_html(
            controls=_controls("timeline", params, first), link_base="/", base_iri=settings.base_iri
        )

    return await _page(request, build)


@router.get("/result", response_class=HTMLResponse, summary="The network of a query's result")
async def result_view(request: Request, engine: Engine, settings: AppSettings) -> Response:
    """The entities a SELECT `query` finds (IRIs of this dataset) as nodes; a row that names two links them."""
    params = _params(request)
    query = _one(params, "query") or ""
    if not query.strip():
        raise InputError("give the SELECT query whose result to draw (query=...)")
    cap = parse_cap(_one(params, "cap"))
    refuse_remote_calls(  # the user's own text: the same guard as /sparql
        query,
        update=False,
        allow_service=settings.allow_service,
        allow_load=settings.allow_load,
        service_hosts=settings.hosts_for_service,
    )

    def build() -> str:
        graph = result_network(runner(engine), query, base_iri=settings.base_iri)
        back = "/query?" + urlencode({"query": query})
        controls = f'<a href="{html.escape(back, quote=True)}">back to the query</a>'
        return render_network(
            graph,
            title=f"Network of a query result ({graph.graph['rows']:,} rows)",
            controls=controls,
            cap=cap,
            link_base="/",
            empty="The result names no two entities of this dataset. Select IRIs of firms, people or events"
            " (not only their names) to draw them.",
        )

    return await _page(request, build)
