"""Every route and parameter with hostile values: never a 500, never a call out, never slow."""

from __future__ import annotations

import re
import time

import httpx
from fastapi.routing import APIRoute

from firmgraph.api.app import create_app
from firmgraph.graph.settings import Settings
from tests.security.conftest import TOKEN, Listener, Server

HOSTILE = [
    "a> } ; DROP ALL ; #",
    'x" } } ; CLEAR ALL ; #',
    "http://e/g> { ?s ?p ?o } } ; ASK { ?a ?b ?c . ?d ?e ?f . GRAPH <http://e/h",
    "\\#b",
    "%00",
    "ex:a\\#b } SERVICE <LISTENER> { ?s ?p ?o",
    "<LISTENER>",
    "Ünïcödé ✓ \u202e",
    "x" * 5000,
    "-1",
    "99999999999999999999",
    "../../etc/passwd",
    "' OR '1'='1",
    "{{7*7}}",
]


def routes() -> list[tuple[str, str, list[str], list[str]]]:
    """(method, path template, path parameters, query parameters) of every route the app serves."""
    app = create_app(settings=Settings(store=":memory:"))
    found = []
    for route in _flatten(app.routes):
        path_params = [p.name for p in route.dependant.path_params]
        query_params = [p.name for p in route.dependant.query_params]
        for method in sorted(route.methods - {"HEAD"}):
            found.append((method, route.path, path_params, query_params))
    return found


def _flatten(items: list[object]) -> list[APIRoute]:
    """The API routes, with those of included routers."""
    out: list[APIRoute] = []
    for item in items:
        if isinstance(item, APIRoute):
            out.append(item)
        router = getattr(item, "original_router", None)
        if router is not None:
            out.extend(_flatten(router.routes))
    return out


def test_the_walk_covers_the_routes() -> None:
    paths = {path for _, path, _, _ in routes()}
    assert {"/sparql", "/exports/{name}", "/rdf-graphs", "/views/network"} <= paths
    assert len(paths) >= 20


def test_hostile_values_on_every_route_and_parameter(server: Server, listener: Listener) -> None:
    before = len(listener.hits)
    slowest = (0.0, "")
    statuses: dict[int, int] = {}
    with httpx.Client(base_url=server.url, timeout=30) as client:
        for method, template, path_params, query_params in routes():
            for raw in HOSTILE:
                value = raw.replace("LISTENER", listener.url)
                path = template
                for name in path_params:
                    quoted = httpx.URL("/" + value).raw_path.decode()[1:]
                    path = re.sub(r"\{" + name + r"(:[^}]*)?\}", lambda _m, q=quoted: q, path)
                params = {name: value for name in query_params}
                headers = {"Authorization": f"Bearer {TOKEN}"} if method != "GET" else {}
                started = time.monotonic()
                response = client.request(
                    method, path, params=params, headers=headers, content=value.encode()
                )
                took = time.monotonic() - started
                slowest = max(slowest, (took, f"{method} {path}"))
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                assert response.status_code < 500 or (
                    response.status_code == 503 and "stopped" in response.text
                ), (
                    method,
                    path,
                    params,
                    response.status_code,
                    response.text[:300],
                )
    print(f"statuses {dict(sorted(statuses.items()))}; slowest {slowest[0]:.2f} s ({slowest[1]})")
    assert len(listener.hits) == before
    assert slowest[0] < 11  # nothing runs past the query timeout
