"""The query workbench: server-rendered pages (httpx) and the editor in real Chromium with the network cut."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlencode, urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, sync_playwright

from firmgraph.graph.sparql.cookbook import load_cookbook
from tests.http.conftest import Server, offline_page

HTML = {"Accept": "text/html"}
ORGS = "PREFIX org: <http://www.w3.org/ns/org#>\nSELECT ?org WHERE { ?org a org:FormalOrganization } LIMIT 5"


def test_the_page_lists_the_cookbook_and_has_an_editor(server: Server) -> None:
    page = httpx.get(server.url + "/query", headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<textarea name="query"' in page.text
    for query in load_cookbook():
        assert f'href="/queries/{query.slug}"' in page.text
    assert len(load_cookbook()) >= 15


def test_every_asset_the_page_uses_is_served_here(server: Server) -> None:
    page = httpx.get(server.url + "/query", headers=HTML).text
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page)
    assert assets and all(a.startswith("/static/") for a in assets)
    for asset in assets:
        assert server.get(asset).status_code == 200
    assert "//" not in "".join(re.findall(r'(?:src)="([^"]+)"', page))


def test_a_query_in_the_url_runs_and_links_iris(server: Server) -> None:
    page = httpx.get(server.url + "/query?" + urlencode({"query": ORGS}), headers=HTML)
    assert page.status_code == 200
    assert page.text.count('href="/id/org/') == 5  # dataset IRIs link to their pages here
    for fmt in ("json", "xml", "csv", "tsv"):
        assert f"format={fmt}" in page.text
    assert f'href="/query?{urlencode({"query": ORGS})}"'.replace("&", "&amp;") in page.text


def test_a_download_link_gives_the_file(server: Server) -> None:
    page = httpx.get(server.url + "/?" + urlencode({"query": ORGS}), headers=HTML).text
    link = re.search(r'href="(/sparql\?[^"]*format=csv)"', page).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    csv = server.get(link)
    assert csv.headers["content-type"].startswith("text/csv") and len(csv.text.splitlines()) == 6


def test_a_malformed_query_shows_the_error_and_where(server: Server) -> None:
    page = httpx.get(
        server.url + "/?" + urlencode({"query": "SELECT ?x WHERE {\n  ?x undeclared:p ?y }"}), headers=HTML
    )
    assert page.status_code == 400
    assert "QueryError" in page.text and "line 2, column" in page.text


@pytest.mark.parametrize("query", load_cookbook(), ids=lambda q: q.slug)
def test_every_saved_query_renders_with_its_form(server: Server, query) -> None:  # type: ignore[no-untyped-def]
    page = httpx.get(server.url + f"/queries/{query.slug}", headers=HTML)
    assert page.status_code == 200, page.text[-2000:]
    assert query.title.replace("'", "&#39;") in page.text
    for name in query.params:
        assert f'name="{name}"' in page.text
    assert 'id="results"' in page.text


def test_a_saved_query_takes_its_parameters_from_the_url(server: Server) -> None:
    page = httpx.get(server.url + "/queries/pinterest-cuts-and-costs?firm=Klarna", headers=HTML)
    assert 'value="Klarna"' in page.text and "750" not in page.text
    page = httpx.get(server.url + "/queries/pinterest-cuts-and-costs?firm=Pinterest", headers=HTML)
    assert "750" in page.text


def test_an_unknown_saved_query_is_a_404_page(server: Server) -> None:
    page = httpx.get(server.url + "/queries/no-such-query", headers=HTML)
    assert page.status_code == 404 and "no saved query" in page.text
    answer = httpx.get(server.url + "/queries/no-such-query")
    assert answer.status_code == 404 and answer.json()["error"] == "UnknownQueryError"  # a NotFoundError


# -- in Chromium ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright; a failure to start fails the tests (never a skip)."""
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: Server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A page whose every request to anywhere but the server is aborted and recorded."""
    with offline_page(browser, server) as page:
        yield page


@pytest.mark.browser
def test_type_a_query_run_it_and_see_the_table(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/query")
    assert page.locator(".editor.enhanced .gutter").count() == 1  # the script ran
    editor = page.locator("#query")
    editor.fill("")
    editor.type(
        'PREFIX schema: <https://schema.org/>\nSELECT ?name WHERE { ?o schema:name ?name FILTER (?name = "Pinterest") }'
    )
    assert "2" in page.locator(".gutter").inner_text()
    assert page.locator(".shade .tok-keyword").count() >= 3
    page.locator("#run").click()
    page.wait_for_selector("#result-table")
    assert page.locator("#result-table tbody tr").all_inner_texts() == ["Pinterest"]
    assert "query=" in page.url  # the URL is the shareable link


@pytest.mark.browser
def test_ctrl_enter_runs_the_query(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/query")
    page.locator("#query").fill("ASK { ?s ?p ?o }")
    page.locator("#query").press("Control+Enter")
    page.wait_for_selector("#answer")
    assert page.locator("#answer").inner_text() == "true"


@pytest.mark.browser
def test_open_a_saved_query_fill_its_form_and_submit(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/query")
    page.get_by_role("link", name="Who announced a firm's cuts, and through which channel").click()
    page.wait_for_selector("#params-form")
    page.locator("input[name=firm]").fill("Amazon")
    page.locator("#run").click()
    page.wait_for_selector("#result-table")
    assert "firm=Amazon" in page.url
    cells = page.locator("#result-table tbody tr").first.inner_text()
    assert "Beth Galetti" in cells and "blog post" in cells
    page.get_by_role("link", name="Open in the editor").click()
    page.wait_for_selector("#result-table")
    assert "Beth Galetti" in page.locator("#result-table").inner_text()


# -- from results to network views --------------------------------------------------------------

FIRMS = (
    "PREFIX schema: <https://schema.org/>\nPREFIX org: <http://www.w3.org/ns/org#>\n"
    'SELECT ?org ?name WHERE { ?org a org:FormalOrganization ; schema:name ?name FILTER (?name IN ("Pinterest", "Amazon")) }'
    "\nORDER BY ?name"
)


def test_entity_iris_in_a_result_link_to_their_network_view(server: Server) -> None:
    page = httpx.get(server.url + "/?" + urlencode({"query": FIRMS}), headers=HTML).text
    orgs = [row["org"] for row in server.select(FIRMS)]
    links = [h.replace("&amp;", "&") for h in re.findall(r'class="network-link" href="([^"]+)"', page)]
    assert links == ["/views/network?" + urlencode({"focus": o}) for o in orgs] and len(orgs) == 2
    whole = re.search(r'class="open-network" id="open-network" href="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert whole.replace("&amp;", "&") == "/views/result?" + urlencode(
        {"query": FIRMS}
    )  # the result, not one IRI
    view = server.get(links[1])
    assert view.status_code == 200 and "Pinterest" in view.text
    # a result without entities of this dataset offers no network
    plain = httpx.get(
        server.url + "/?" + urlencode({"query": "SELECT ?x WHERE { VALUES ?x { 1 } }"}), headers=HTML
    )
    assert "network-link" not in plain.text and "open-network" not in plain.text


FOCUS = "() => window.fgView && window.fgView.settled && network.body.data.nodes.get().filter(n => n.borderWidth === 3).map(n => n.id)"


@pytest.mark.browser
def test_open_a_result_as_a_network(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    orgs = [row["org"] for row in server.select(FIRMS)]
    page.goto(server.url + "/?" + urlencode({"query": FIRMS}))
    page.get_by_role("link", name="Open as network").click()
    page.wait_for_function("() => window.fgView && window.fgView.settled", timeout=30_000)
    assert urlsplit(page.url).path == "/views/result"
    assert sorted(page.evaluate("network.body.data.nodes.get().map(n => n.id)")) == sorted(orgs)
    page.go_back()
    page.locator("#result-table tbody tr").nth(1).locator("a.network-link").click()
    page.wait_for_function(FOCUS, timeout=30_000)
    assert page.evaluate(FOCUS) == [orgs[1]]
    labels = page.evaluate("network.body.data.nodes.get().map(n => n.label).join('|')")
    assert "Pinterest" in labels and "Tessa Chen" in labels
