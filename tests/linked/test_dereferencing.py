"""Entity IRIs dereference on a real server: 303 by Accept (q-values), documents per format, 404s."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess

import httpx
import pyoxigraph as ox
import pytest

from firmgraph.api.negotiation import GRAPH_FORMATS
from tests.http.conftest import Server
from tests.linked.conftest import client, entity, path_of

FIRM = (
    "SELECT ?x WHERE { ?e <https://w3id.org/firmgraph/ns#organization> ?x ."
    " ?x <http://www.w3.org/ns/org#subOrganizationOf> ?owner } ORDER BY ?x LIMIT 1"
)  # a firm of an event that links to a neighbour (its owner), whatever order the store lists them in
RDF_EXTENSIONS = {f.media_type: f.extension for f in GRAPH_FORMATS}


@pytest.fixture(scope="module")
def firm(ld_server: Server) -> str:
    return entity(ld_server, FIRM)


def parse(response: httpx.Response) -> list[ox.Triple | ox.Quad]:
    media = response.headers["content-type"].split(";")[0]
    if media == "application/ld+json":
        from tests.linked.test_roundtrip import jsonld_quads

        return jsonld_quads(response.content)  # type: ignore[return-value]
    fmt = ox.RdfFormat.from_media_type(media)
    assert fmt is not None, media
    return list(ox.parse(response.content, fmt))


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/trig", "application/trig"),
        ("application/n-quads", "application/n-quads"),
        ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
        ("application/rdf+xml;q=0.3, text/turtle;q=0.8, */*;q=0.1", "text/turtle"),
        ("text/html;q=0.2, application/n-triples", "application/n-triples"),
        ("text/html;q=0, text/*;q=0.5", "text/turtle"),
    ],
)
def test_rdf_clients_get_a_303_to_the_document_in_their_format(
    ld_server: Server, firm: str, accept: str, expected: str
) -> None:
    with client(ld_server) as http:
        first = http.get(path_of(firm), headers={"Accept": accept})
        assert first.status_code == 303
        assert "accept" in first.headers["vary"].lower()
        assert first.headers["location"].endswith("." + RDF_EXTENSIONS[expected])
        document = http.get(first.headers["location"])
    assert document.status_code == 200
    assert document.headers["content-type"].split(";")[0] == expected
    statements = parse(document)
    about = [s for s in statements if s.subject == ox.NamedNode(firm)]
    assert len(about) >= 3  # its type, name and more: the entity's own description
    # the description carries the labels of the neighbours it links to
    objects = {s.object for s in about if isinstance(s.object, ox.NamedNode) and "/id/" in s.object.value}
    labelled = {s.subject for s in statements if s.predicate.value == "https://schema.org/name"}
    assert objects and objects & labelled


@pytest.mark.parametrize(
    "accept", ["text/html", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "*/*", None]
)
def test_browsers_and_clients_without_preference_get_the_page(
    ld_server: Server, firm: str, accept: str | None
) -> None:
    headers = {"Accept": accept} if accept else {}
    with client(ld_server) as http:
        first = http.get(path_of(firm), headers=headers)
        assert first.status_code == 303 and first.headers["location"].startswith("/page/")
        page = http.get(first.headers["location"])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'<{firm}>; rel="canonical"' in page.headers["link"]


def test_csv_and_the_format_parameter(ld_server: Server, firm: str) -> None:
    with client(ld_server) as http:
        csv = http.get(path_of(firm), params={"format": "csv"}, follow_redirects=True)
        ttl = http.get(path_of(firm), params={"format": "ttl"}, follow_redirects=True)
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("subject,predicate,object")
    assert firm in csv.text
    assert ttl.headers["content-type"].startswith("text/turtle")


def test_head_answers_like_get(ld_server: Server, firm: str) -> None:
    with client(ld_server) as http:
        redirect = http.head(path_of(firm), headers={"Accept": "text/turtle"})
        document = http.head(redirect.headers["location"])
        page = http.head(path_of(firm), headers={"Accept": "text/html"}, follow_redirects=True)
    assert redirect.status_code == 303
    assert document.status_code == 200 and document.headers["content-type"].startswith("text/turtle")
    assert page.status_code == 200 and page.content == b""


def test_an_unacceptable_format_is_406(ld_server: Server, firm: str) -> None:
    with client(ld_server) as http:
        response = http.get(path_of(firm), headers={"Accept": "image/png"})
    assert response.status_code == 406


@pytest.mark.parametrize(
    "path",
    ["/id/org/doesnotexist000", "/id/nosuchkind/abc", "/data/org/doesnotexist000.ttl", "/page/person/nobody"],
)
@pytest.mark.parametrize("accept", ["text/turtle", "text/html"])
def test_unknown_iris_are_404(ld_server: Server, path: str, accept: str) -> None:
    with client(ld_server) as http:
        response = http.get(path, headers={"Accept": accept}, follow_redirects=True)
    assert response.status_code == 404
    kind = "text/html" if accept == "text/html" else "application/json"
    assert response.headers["content-type"].startswith(kind)


def test_httpx_follows_the_redirect_like_curl_minus_l(ld_server: Server, firm: str) -> None:
    """The documented `curl -L -H 'Accept: text/turtle' IRI` (run with curl when it is installed)."""
    url = ld_server.url + path_of(firm)
    response = httpx.get(url, headers={"Accept": "text/turtle"}, follow_redirects=True, timeout=30)
    assert [r.status_code for r in response.history] == [303]
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    assert any(t.subject == ox.NamedNode(firm) for t in ox.parse(response.content, ox.RdfFormat.TURTLE))
    curl = shutil.which("curl")
    if curl:
        out = subprocess.run(
            [curl, "-sfL", "-H", "Accept: text/turtle", url], capture_output=True, check=True, timeout=30
        ).stdout
        assert any(t.subject == ox.NamedNode(firm) for t in ox.parse(out, ox.RdfFormat.TURTLE))


def test_every_kind_of_entity_has_a_page(ld_server: Server) -> None:
    with client(ld_server) as http:
        for kind in ("org", "person", "event", "doc", "filing", "quote", "membership"):
            iri = entity(
                ld_server,
                f"""SELECT ?x WHERE {{ ?x a ?t FILTER(STRSTARTS(STR(?x), "https://w3id.org/firmgraph/id/{kind}/")
                    && !CONTAINS(STR(?x), "#")) }} LIMIT 1""",
            )
            page = http.get(path_of(iri), follow_redirects=True)
            assert page.status_code == 200, (kind, page.text[:300])
            assert f'data-iri="{iri}"' in page.text
            # every entity page links to the network view around it, once
            (network,) = re.findall(r'class="network-link" href="([^"]+)"', page.text)
            view = http.get(html.unescape(network))
            assert view.status_code == 200 and json.dumps(iri) in view.text, (kind, view.text[:300])
