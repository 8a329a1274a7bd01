"""Browsers get pages for the service description and the dataset description; clients get RDF."""

from __future__ import annotations

import httpx
import pytest

from tests.http.conftest import Server

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("path", "term"),
    [("/sparql", "sparql-service-description#endpoint"), ("/.well-known/void", "void:triples")],
)
def test_a_browser_gets_a_page_and_a_client_gets_rdf(server: Server, path: str, term: str) -> None:
    page = httpx.get(server.url + path, headers={"Accept": BROWSER})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert term in page.text and 'id="site-header"' in page.text and "?format=turtle" in page.text
    for accept in ("*/*", "text/turtle", "application/ld+json", None):
        answer = httpx.get(server.url + path, headers={"Accept": accept} if accept else {})
        assert answer.status_code == 200 and not answer.headers["content-type"].startswith("text/html"), (
            accept
        )
    turtle = httpx.get(server.url + path, params={"format": "turtle"}, headers={"Accept": BROWSER})
    assert turtle.headers["content-type"].startswith("text/turtle")
