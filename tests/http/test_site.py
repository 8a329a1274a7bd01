"""The site around the workbench: one header on every page, a home page that says what the graph holds."""

from __future__ import annotations

import re

import httpx
import pytest

from firmgraph.graph.sparql.cookbook import get_query
from tests.http.conftest import Server

HTML = {"Accept": "text/html"}
NAV = ("Search", "Query", "Explore", "Import", "Data", "Docs")
PAGES = (
    "/",
    "/query",
    "/queries/largest-cuts",
    "/explore",
    "/data",
    "/docs",
    "/views/firms",
    "/views/timeline",
    "/ontology",
    "/no/such/page",
)


def _nav(text: str) -> list[str]:
    header = re.search(r'<header class="top" id="site-header">(.*?)</header>', text, re.DOTALL)
    assert header, "no site header"
    return re.findall(r'<nav aria-label="Main">.*?</nav>', header.group(1), re.DOTALL)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_header_with_search(server: Server, path: str) -> None:
    page = httpx.get(server.url + path, headers=HTML, timeout=30)
    assert page.headers["content-type"].startswith("text/html"), path
    (nav,) = _nav(page.text)
    for label in NAV:
        assert f">{label}</a>" in nav, (path, label)
    assert 'action="/search"' in page.text


def test_an_entity_page_has_the_header(server: Server) -> None:
    rows = server.select("SELECT ?o WHERE { ?e fg:organization ?o } LIMIT 1")
    path = "/page/" + rows[0]["o"].split("/id/", 1)[1]
    assert _nav(httpx.get(server.url + path, headers=HTML).text)


def test_the_home_page_counts_through_the_saved_query(server: Server) -> None:
    home = httpx.get(server.url + "/", headers=HTML).text
    counted = {r["what"]: int(r["count"]) for r in server.select(get_query("graph-summary").text)}
    assert counted["events"] > 0 and counted["firms"] > 0 and counted["sources"] >= 3
    for name in ("firms", "events", "sources"):
        assert f"<strong>{counted[name]:,}</strong> {name}" in home
    for target in (
        "/views/timeline",
        "/views/firms?link=co-mention",
        "/views/firms?link=shared-people",
        "/query",
    ):
        assert f'href="{target}"' in home
    assert home.count('href="/id/doc/') >= 3  # the latest imports link to their sources


def test_a_shared_link_to_the_old_workbench_address_still_runs(server: Server) -> None:
    page = httpx.get(server.url + "/", params={"query": "ASK { ?s ?p ?o }"}, headers=HTML)
    assert page.status_code == 200 and 'id="answer"' in page.text
