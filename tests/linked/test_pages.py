"""Entity pages in real Chromium with the network cut: facts, evidence quotes, and links that work."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode, urlparse

import pytest

from tests.http.conftest import Server
from tests.linked.conftest import path_of

pytestmark = pytest.mark.browser

EVIDENCED_CUT = """
PREFIX fg: <https://w3id.org/firmgraph/ns#> PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/>
SELECT ?firm ?name ?event ?n ?quote ?doc WHERE {
  ?event fg:organization ?firm ; fg:jobsCut ?n ; fg:figure ?f . ?f fg:measure fg:jobsCut .
  ?firm schema:name ?name .
  ?anno oa:hasBody ?f ; oa:hasTarget ?target . ?target oa:hasSource ?doc ; oa:hasSelector ?sel .
  ?sel oa:exact ?quote .
} ORDER BY ?event LIMIT 1
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium")
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page that may reach 127.0.0.1 only; every other request is aborted and recorded."""
    context = browser.new_context()
    outside: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if urlparse(url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    try:
        yield context.new_page(), outside
    finally:
        context.close()
    assert outside == [], f"the page tried to reach {outside}"


@pytest.fixture(scope="module")
def cut(ld_server: Server) -> dict[str, str]:
    """A firm's event whose jobs-cut figure has an evidence quote (read from the store, not assumed)."""
    rows = ld_server.select(EVIDENCED_CUT)
    assert rows, "the linked store has no evidenced figure"
    return rows[0]


def test_firm_event_article_click_through(
    page: tuple[Any, list[str]], ld_server: Server, cut: dict[str, str]
) -> None:
    tab, _ = page
    tab.goto(ld_server.url + path_of(cut["firm"]))
    assert urlparse(tab.url).path.startswith("/page/org/")
    assert tab.locator("h1").inner_text() == cut["name"]
    # the figure and the sentence it was read from are on the firm's page
    figure = f"{int(cut['n']):,}"
    event = tab.locator(f'section.event[data-event="{cut["event"]}"]').first
    assert figure in event.inner_text()
    assert event.get_by_text(cut["quote"], exact=False).first.is_visible()

    event.locator(f'h3 a[href="{path_of(cut["event"])}"]').click()
    tab.wait_for_url("**/page/event/**")
    assert figure in tab.locator("#figures").inner_text()
    assert tab.locator("#figures").get_by_text(cut["quote"], exact=False).first.is_visible()

    tab.locator(f'#figures cite a[href="{path_of(cut["doc"])}"]').first.click()
    tab.wait_for_url("**/page/doc/**")
    sentences = tab.locator("#evidence")
    assert sentences.get_by_text(cut["quote"], exact=False).first.is_visible()
    # and back to the event from the article's list of sentences
    sentences.locator(f'a[href="{path_of(cut["event"])}"]').first.click()
    tab.wait_for_url("**/page/event/**")


def test_every_link_on_a_firm_page_resolves(
    page: tuple[Any, list[str]], ld_server: Server, cut: dict[str, str]
) -> None:
    tab, _ = page
    tab.goto(ld_server.url + path_of(cut["firm"]))
    hrefs = set(
        tab.eval_on_selector_all("article.entity a[href]", "els => els.map(e => e.getAttribute('href'))")
    )
    local = sorted(h for h in hrefs if h.startswith(("/id/", "/data/", "/page/", "/ns", "/ontology")))
    assert any(h.startswith("/data/") for h in local) and any(h.startswith("/id/event/") for h in local)
    for href in local:
        response = tab.request.get(ld_server.url + href)
        assert response.status == 200, href
    network = [h for h in hrefs if h.startswith("/views/network?focus=")]
    assert network == ["/views/network?" + urlencode({"focus": cut["firm"]})]


def test_conflicting_figures_sit_side_by_side(page: tuple[Any, list[str]], ld_server: Server) -> None:
    """A firm whose events were reported by more than one source shows them in one comparison table."""
    rows = ld_server.select(
        """PREFIX fg: <https://w3id.org/firmgraph/ns#>
        SELECT ?x WHERE { ?e fg:organization ?x ; fg:reportedIn ?d } GROUP BY ?x HAVING (COUNT(DISTINCT ?d) > 1)
        LIMIT 1"""
    )
    assert rows, "the linked store has no firm reported by two sources"
    tab, _ = page
    tab.goto(ld_server.url + path_of(rows[0]["x"]))
    table = tab.locator("table.comparison").first
    assert table.is_visible()
    assert table.locator("thead th").count() >= 3  # the measure column and one per report


def test_the_ontology_page_works_offline(page: tuple[Any, list[str]], ld_server: Server) -> None:
    tab, _ = page
    tab.goto(ld_server.url + "/ns")
    assert "firmgraph vocabulary" in tab.locator("h1").inner_text()
    tab.locator("#fg-jobsCut").scroll_into_view_if_needed()
    assert tab.locator("#fg-jobsCut").is_visible()
