"""Real Chromium, network cut: each view draws the graph the library computes, and its filters re-query."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode, urlsplit

import networkx as nx
import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.views.filters import Filters
from firmgraph.graph.views.pages import iframe
from firmgraph.graph.views.render import MORE
from firmgraph.graph.views.timeline import firm_timeline
from tests.http.conftest import Server
from tests.views.conftest import BASE, iri_of

pytestmark = pytest.mark.browser

SETTLED = "() => window.fgView && window.fgView.settled"
COUNTS = """() => ({nodes: network.body.data.nodes.length, edges: network.body.data.edges.length,
  ids: network.body.data.nodes.getIds()})"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )  # fmt: skip
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, views_server: Server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A page whose every request to anywhere but the server is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    outside: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    host = urlsplit(views_server.url).netloc

    def route(r) -> None:  # type: ignore[no-untyped-def]
        url = r.request.url
        if urlsplit(url).netloc == host or url.startswith(("about:", "data:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    context.route("**/*", route)
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert outside == [], f"the page tried to reach {outside}"
    assert failed == [], f"requests failed: {failed}"
    assert errors == [], f"script errors: {errors}"


def drawn(page) -> dict:  # type: ignore[no-untyped-def]
    page.wait_for_function(SETTLED, timeout=30_000)
    return page.evaluate(COUNTS)  # type: ignore[no-any-return]


def expect_same(counts: dict, graph: nx.Graph) -> None:
    """The page draws exactly the graph's nodes, and one edge per edge between them."""
    ids = set(counts["ids"]) - {MORE}
    assert ids == set(graph) and counts["nodes"] == graph.number_of_nodes()
    assert counts["edges"] == graph.number_of_edges() > 0


def test_network_view_draws_the_ego_network_and_hops_re_query(  # type: ignore[no-untyped-def]
    page, views_server: Server, samples: KnowledgeGraph
) -> None:
    article = iri_of(samples, "Pinterest opfert Jobs für KI", "schema:headline")
    page.goto(f"{views_server.url}/views/network?{urlencode({'focus': article, 'hops': 2})}")
    expect_same(drawn(page), samples.network(article, hops=2))
    assert page.locator(".legend").inner_text().count("person") == 1
    # the filter form: one hop, submitted, reloads the view from the server
    page.select_option("select[name=hops]", "1")
    with page.expect_navigation():
        page.click("form.controls button[type=submit]")
    assert "hops=1" in page.url
    one_hop = samples.network(article, hops=1)
    expect_same(drawn(page), one_hop)
    assert "Tessa Chen" not in page.evaluate("network.body.data.nodes.get().map(n => n.label).join('|')")


def test_firms_view_and_its_filters(page, views_server: Server, samples: KnowledgeGraph) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{views_server.url}/views/firms?link=co-mention")
    expect_same(drawn(page), samples.network(link="co-mention"))
    page.select_option("select[name=link]", "wave")
    page.fill("input[name=window]", "3")
    with page.expect_navigation():
        page.click("form.controls button[type=submit]")
    waves = samples.network(link="wave", window_days=3)
    expect_same(drawn(page), waves)
    assert sorted(drawn(page)["ids"]) == sorted(waves) and len(waves) == 2
    # a hover shows the facts of a node
    amazon = iri_of(samples, "Amazon")
    position = page.evaluate(f"network.canvasToDOM(network.getPositions(['{amazon}'])['{amazon}'])")
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + position["x"], box["y"] + position["y"])
    page.wait_for_selector("#tip", state="visible")
    assert "30,000" in page.inner_text("#tip")


def test_node_cap_and_the_timeline(page, views_server: Server, samples: KnowledgeGraph) -> None:  # type: ignore[no-untyped-def]
    amazon = iri_of(samples, "Amazon")
    page.goto(f"{views_server.url}/views/network?{urlencode({'focus': amazon, 'hops': 2, 'cap': 5})}")
    counts = drawn(page)
    assert counts["nodes"] == 5 and MORE in counts["ids"]
    graph = samples.network(amazon, hops=2)
    kept = set(counts["ids"]) - {MORE}
    assert counts["edges"] == sum(1 for u, v in graph.edges() if u in kept and v in kept) + 1
    page.goto(f"{views_server.url}/views/timeline?{urlencode({'firm': amazon})}")
    # one circle per real-world event: the 16,000 reported by two articles is drawn once
    assert page.locator("circle.event").count() == 2 and page.locator("rect.wave").count() == 2
    page.fill("input[name=min_jobs]", "15000")
    with page.expect_navigation():
        page.click("form.controls button[type=submit]")
    timeline = firm_timeline(samples.query, amazon, Filters.parse(min_jobs="15000"))
    dated = [e for e in timeline.events if e.start and not e.parts]  # a sum of others is listed, not drawn
    assert {e.jobs_cut for e in dated} == {16_000} and page.locator("circle.event").count() == len(dated) == 1
    assert page.locator("tr.event-row").count() == len(timeline.events) == 2


def test_a_view_in_a_notebook_frame(browser, samples: KnowledgeGraph) -> None:  # type: ignore[no-untyped-def]
    """Jupyter shows a view as an iframe with the page in srcdoc: it must run there, offline."""
    graph = samples.network(link="co-mention")
    context = browser.new_context()
    outside: list[str] = []
    context.route("**/*", lambda r: (outside.append(r.request.url), r.abort()))
    page = context.new_page()
    page.set_content(f"<h1>notebook</h1>{iframe(graph.to_html())}")
    frame = page.frames[1]
    frame.wait_for_function(SETTLED, timeout=30_000)
    expect_same(frame.evaluate(COUNTS), graph)
    context.close()
    assert outside == []


HEADLINE = "Pinterest opfert Jobs für KI"
FOCUSED = """() => window.fgView && window.fgView.settled
  && network.body.data.nodes.get().filter(n => n.borderWidth === 3).map(n => n.id)"""


def test_entity_pages_open_their_network_view(page, views_server: Server, samples: KnowledgeGraph) -> None:  # type: ignore[no-untyped-def]
    for name, prop in (
        ("Amazon", "schema:name"),
        ("Tessa Chen", "schema:name"),
        (HEADLINE, "schema:headline"),
    ):
        entity = iri_of(samples, name, prop)
        page.goto(views_server.url + "/" + entity.removeprefix(BASE))
        page.locator("a.network-link").first.click()
        page.wait_for_function(FOCUSED, timeout=30_000)
        assert urlsplit(page.url).path == "/views/network" and page.evaluate(FOCUSED) == [entity]
        expect_same(drawn(page), samples.network(entity, hops=2))
