"""Results in the workbench: paging and sorting past 1,000 rows, the query's column order, labels,
the result as a network and a chart, query history, the syntax error marked (httpx and Chromium)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlencode

import httpx
import pytest
from playwright.sync_api import Browser, Page

from tests.http.conftest import Server, offline_page
from tests.http.test_workbench import browser  # noqa: F401  (the module's Chromium)

HTML = {"Accept": "text/html"}
DIGITS = " ".join(str(d) for d in range(10))
THREE_THOUSAND = (
    f"SELECT ?n ?word WHERE {{ VALUES ?a {{ {DIGITS} }} VALUES ?b {{ {DIGITS} }} VALUES ?c {{ {DIGITS} }}"
    ' VALUES ?d { 0 1 2 } BIND (?d * 1000 + ?a * 100 + ?b * 10 + ?c AS ?n) BIND (CONCAT("w", STR(?n)) AS ?word) }'
)
EVENTS = (
    "SELECT ?event ?firm ?jobs WHERE { ?event fg:organization ?firm ; fg:jobsCut ?jobs } ORDER BY DESC(?jobs)"
)


def _query(server: Server, query: str, **params: str) -> str:
    page = httpx.get(server.url + "/query?" + urlencode({"query": query, **params}), headers=HTML, timeout=30)
    assert page.status_code == 200, page.text[:2000]
    return page.text


def _first_column(text: str) -> list[str]:
    body = text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"<[^>]+>", "", row.split("</td>", 1)[0]) for row in body.split("<tr>")[1:]]


def test_pages_through_three_thousand_rows(readonly_server: Server) -> None:
    first = _query(readonly_server, THREE_THOUSAND)
    assert "1–100 of 3,000 rows" in first and "page 1 of 30" in first
    last = _query(readonly_server, THREE_THOUSAND, page="30")
    assert "2,901–3,000 of 3,000 rows" in last and 'id="next-page"' not in last
    big = _query(readonly_server, THREE_THOUSAND, per="1000", page="3")
    assert len(_first_column(big)) == 1000


def test_sorts_numbers_by_value_both_ways(readonly_server: Server) -> None:
    down = _first_column(_query(readonly_server, THREE_THOUSAND, sort="-n"))
    assert down[:3] == ["2999", "2998", "2997"]
    up = _first_column(_query(readonly_server, THREE_THOUSAND, sort="n", page="2"))
    assert up[:2] == ["100", "101"]
    bad = httpx.get(
        readonly_server.url + "/query?" + urlencode({"query": THREE_THOUSAND, "sort": "nope"}), headers=HTML
    )
    assert bad.status_code == 400 and "no column" in bad.text


def test_select_star_keeps_the_order_of_the_query(readonly_server: Server) -> None:
    text = _query(readonly_server, "SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    heads = re.findall(r'<th scope="col"[^>]*><a [^>]*>(\w+)', text)
    assert heads == ["s", "p", "o"]


def test_hash_iris_show_their_labels(readonly_server: Server) -> None:
    text = _query(readonly_server, EVENTS)
    labels = re.findall(r'<a href="/id/event/[^"]+" title="[^"]+">([^<]+)</a>', text)
    assert labels and all(": " in label for label in labels)  # "Amazon: layoff (16,000 jobs)", not a hash
    assert re.search(r'<a href="/id/org/[^"]+" title="[^"]+">Amazon</a>', text)


def test_a_result_opens_as_its_own_network(readonly_server: Server) -> None:
    text = _query(readonly_server, EVENTS)
    link = re.search(r'id="open-network" href="([^"]+)"', text).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    view = httpx.get(readonly_server.url + link, headers=HTML, timeout=30)
    assert view.status_code == 200 and "Network of a query result" in view.text
    data = re.search(r'<script type="application/json" id="view-data">(.*?)</script>', view.text, re.DOTALL)
    assert data and '"kind":"event"' in data.group(1) and '"kind":"firm"' in data.group(1)
    empty = httpx.get(
        readonly_server.url + "/views/result", params={"query": "SELECT ?x WHERE { VALUES ?x { 1 } }"}
    )
    assert 'id="empty"' in empty.text
    refused = httpx.get(
        readonly_server.url + "/views/result",
        params={"query": "SELECT * { SERVICE <http://x.example/> { ?s ?p ?o } }"},
    )
    assert refused.status_code == 400


# -- in Chromium ------------------------------------------------------------------------------


@pytest.fixture
def tab(browser: Browser, readonly_server: Server) -> Iterator[Page]:  # noqa: F811
    with offline_page(browser, readonly_server) as page:
        yield page


@pytest.mark.browser
def test_page_sort_chart_and_history_in_chromium(tab: Page, readonly_server: Server) -> None:
    tab.goto(readonly_server.url + "/query")
    tab.fill("#query", THREE_THOUSAND)
    tab.click("#run")
    tab.wait_for_selector("#result-table")
    assert "of 3,000 rows" in tab.inner_text("#row-count")
    tab.click("#next-page")
    tab.wait_for_selector("text=page 2 of 30")
    tab.click("th a[title='Sort by n']")  # ascending
    tab.click("th a[title='Sort by n']")  # then descending
    tab.wait_for_selector("th[aria-sort=descending]")
    assert tab.locator("#result-table tbody tr").first.locator("td").first.inner_text() == "2999"
    tab.click("#show-chart")
    tab.wait_for_selector("#chart svg rect")
    assert tab.locator("#chart svg rect").count() == 60  # the first 60 rows of the page
    tab.goto(readonly_server.url + "/query")
    tab.click("#history summary")
    assert "VALUES ?a" in tab.locator("#history-list").inner_text()


@pytest.mark.browser
def test_a_query_without_prefixes_runs_and_an_error_is_marked(tab: Page, readonly_server: Server) -> None:
    tab.goto(readonly_server.url + "/query")
    tab.fill("#query", EVENTS)
    tab.click("#run")
    tab.wait_for_selector("#result-table")
    tab.get_by_role("link", name="Open as network").click()
    tab.wait_for_function("() => window.fgView && window.fgView.settled", timeout=30_000)
    assert tab.evaluate("network.body.data.nodes.get().some(n => n.kind === 'event')")
    tab.goto(readonly_server.url + "/query")
    tab.fill("#query", "SELECT ?x WHERE {\n  ?x foaf:name ?n }")
    tab.click("#run")
    tab.wait_for_selector("#error")
    assert "unknown prefix `foaf:`" in tab.inner_text("#error")
    assert tab.inner_text(".gutter .err-line") == "2"
    at = tab.evaluate("document.getElementById('query').selectionStart")
    assert tab.evaluate("document.getElementById('query').value").index("foaf:") == at
