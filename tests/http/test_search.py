"""Finding firms by name: /search (page and JSON), names wherever a firm or person is asked for."""

from __future__ import annotations

import httpx

from firmgraph.graph.errors import AmbiguousNameError, NotFoundError
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.sparql.names import resolve, search
from tests.conftest import SAMPLES
from tests.http.conftest import Server

HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/json"}


def test_search_is_case_insensitive_and_partial(server: Server) -> None:
    body = httpx.get(server.url + "/search", params={"q": "pinter"}, headers=JSON).json()
    first = body["hits"][0]
    assert (first["name"], first["kind"]) == ("Pinterest", "org")
    assert first["links"]["network"].startswith("/views/network?focus=")
    assert first["links"]["timeline"].startswith("/views/timeline?firm=")
    assert all("pinter" in h["matched"].lower() for h in body["hits"])


def test_the_search_page_links_the_firm_its_network_and_timeline(server: Server) -> None:
    page = httpx.get(server.url + "/search", params={"q": "PINTEREST"}, headers=HTML)
    assert page.status_code == 200
    assert ">Pinterest</a>" in page.text and ">network</a>" in page.text and ">timeline</a>" in page.text
    empty = httpx.get(server.url + "/search", params={"q": "no such firm qq"}, headers=HTML).text
    assert 'id="no-hits"' in empty


def test_accents_and_legal_forms_fold_on_name_keys() -> None:
    with KnowledgeGraph.in_memory() as kg:
        kg.import_paths([SAMPLES])
        base = kg.settings.base_iri
        names = {h.name for h in search(kg.query, "AMAZÒN", base_iri=base)}
        assert "Amazon" in names
        assert resolve(kg.query, "amazon", base_iri=base).startswith(base + "id/org/")


def test_an_ambiguous_name_offers_the_choices() -> None:
    with KnowledgeGraph.in_memory() as kg:
        kg.import_paths([SAMPLES])
        try:
            resolve(kg.query, "amaz", base_iri=kg.settings.base_iri)
        except AmbiguousNameError as e:
            assert {c["name"] for c in e.choices} >= {"Amazon", "Amazon Web Services"}
        else:
            raise AssertionError("'amaz' fits Amazon and Amazon Web Services")
        try:
            kg.network("Nobody Ever Heard Of")
        except NotFoundError as e:
            assert "Nobody Ever Heard Of" in str(e)
        else:
            raise AssertionError("an unknown name must be a NotFoundError")


def test_the_python_api_takes_a_name_for_the_network() -> None:
    with KnowledgeGraph.in_memory() as kg:
        kg.import_paths([SAMPLES])
        by_name = kg.network("Amazon")
        by_iri = kg.network(resolve(kg.query, "Amazon", base_iri=kg.settings.base_iri))
        assert set(by_name.nodes) == set(by_iri.nodes) and by_name.number_of_nodes() > 3


def test_views_take_a_firm_name_and_browsers_get_pages(server: Server) -> None:
    network = httpx.get(server.url + "/views/network", params={"focus": "pinterest"}, headers=HTML)
    assert network.status_code == 200 and "Pinterest" in network.text
    timeline = httpx.get(server.url + "/views/timeline", params={"firm": "Amazon"}, headers=HTML)
    assert timeline.status_code == 200 and "Amazon" in timeline.text
    missing = httpx.get(server.url + "/views/network", headers=HTML)
    assert missing.status_code == 400 and missing.headers["content-type"].startswith("text/html")
    assert "which firm or person?" in missing.text and 'action="/search"' in missing.text


def test_an_ambiguous_name_in_a_view_lists_links_to_each_choice(server: Server) -> None:
    page = httpx.get(server.url + "/views/network", params={"focus": "amaz", "hops": "1"}, headers=HTML)
    assert page.status_code == 400 and 'id="choices"' in page.text
    assert "/views/network?focus=https%3A%2F%2Fw3id.org%2Ffirmgraph%2Fid%2Forg%2F" in page.text
    assert "hops=1" in page.text
    assert httpx.get(server.url + "/views/network", params={"focus": "amaz"}, headers=JSON).json()["choices"]
