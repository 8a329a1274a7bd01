"""Writes over HTTP: SPARQL 1.1 Update and the Graph Store Protocol, token-protected and SHACL-guarded."""

from __future__ import annotations

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from firmgraph.graph.sparql.cookbook import get_query
from tests.http.conftest import TOKEN, Server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
UPDATE = {"Content-Type": "application/sparql-update"}
PREFIXES = "PREFIX fg: <https://w3id.org/firmgraph/ns#>\nPREFIX schema: <https://schema.org/>\nPREFIX org: <http://www.w3.org/ns/org#>\n"
PINTEREST_CUT = (
    PREFIXES
    + 'SELECT ?n WHERE { ?e fg:jobsCut ?n ; fg:organization/schema:name "Pinterest" ; fg:headcountBefore 5000 }'
)
EX = "http://example.org/"


def update(server: Server, text: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(
        server.url + "/sparql/update",
        content=text.encode(),
        headers={**UPDATE, **(AUTH if headers is None else headers)},
        timeout=30,
    )


def cuts(server: Server) -> list[int]:
    return sorted(int(r["n"]) for r in server.select(PINTEREST_CUT))


def test_writes_are_off_without_a_configured_token(readonly_server: Server) -> None:
    response = update(readonly_server, f"INSERT DATA {{ <{EX}a> <{EX}p> 1 }}")
    assert response.status_code == 403
    assert "FIRMGRAPH_TOKEN" in response.json()["message"]
    put = httpx.put(
        readonly_server.url + f"/rdf-graphs?graph={EX}g",
        content=b"",
        headers={"Content-Type": "text/turtle", **AUTH},
    )
    assert put.status_code == 403


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}]
)
def test_a_missing_or_wrong_token_is_401(write_server: Server, headers: dict[str, str]) -> None:
    response = update(write_server, f"INSERT DATA {{ <{EX}a> <{EX}p> 1 }}", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    gsp = httpx.delete(
        write_server.url + "/rdf-graphs?graph=https://w3id.org/firmgraph/graph/entities", headers=headers
    )
    assert gsp.status_code == 401
    assert write_server.select(f"SELECT * WHERE {{ <{EX}a> ?p ?o }}") == []


def test_a_violating_update_changes_nothing_and_returns_the_report(write_server: Server) -> None:
    before = cuts(write_server)
    # a second jobsCut value breaks "at most one"; the first operation alone would be fine
    text = PREFIXES + (
        'INSERT { ?e fg:jobsCut 1 } WHERE { ?e fg:organization/schema:name "Pinterest" ; fg:headcountBefore 5000 } ;\n'
        f'INSERT DATA {{ GRAPH <{EX}g-bad> {{ <{EX}ok> schema:name "fine" }} }}'
    )
    response = update(write_server, text)
    assert response.status_code == 422, response.text
    report = response.json()["report"]
    assert report["conforms"] is False
    assert {v["path"] for v in report["violations"]} == {"fg:jobsCut"}
    assert cuts(write_server) == before
    assert write_server.select(f"SELECT ?n WHERE {{ <{EX}ok> ?p ?n }}") == []


def test_a_conforming_delete_insert_applies_atomically(write_server: Server) -> None:
    text = PREFIXES + (
        "DELETE { ?e fg:jobsCut ?old } INSERT { ?e fg:jobsCut 800 }\n"
        'WHERE { ?e fg:organization/schema:name "Pinterest" ; fg:headcountBefore 5000 ; fg:jobsCut ?old }'
    )
    response = update(write_server, text)
    assert response.status_code == 200, response.text
    assert response.json()["inserted"] >= 1 and response.json()["deleted"] >= 1
    assert 800 in cuts(write_server) and 750 not in cuts(write_server)
    back = text.replace("fg:jobsCut 800", "fg:jobsCut 750")
    assert update(write_server, back).status_code == 200
    assert 750 in cuts(write_server) and 800 not in cuts(write_server)


def test_operations_in_one_request_see_the_earlier_ones_and_apply_together(write_server: Server) -> None:
    g, h = f"{EX}seq-g", f"{EX}seq-h"
    text = (
        f"INSERT DATA {{ GRAPH <{g}> {{ <{EX}x> <{EX}p> 1, 2 }} }} ;\n"
        f"DELETE WHERE {{ GRAPH <{g}> {{ <{EX}x> <{EX}p> 1 }} }} ;\n"
        f"INSERT {{ GRAPH <{h}> {{ ?s <{EX}q> ?o }} }} WHERE {{ GRAPH <{g}> {{ ?s <{EX}p> ?o }} }} ;\n"
        f"DELETE DATA {{ <{EX}x> <{EX}p> 2 }}"
    )
    response = update(write_server, text)
    assert response.status_code == 200, response.text
    rows = write_server.select(f"SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ <{EX}x> ?p ?o }} }}")
    assert rows == [{"g": h, "p": f"{EX}q", "o": "2"}]


def test_a_violation_in_a_later_operation_leaves_the_earlier_ones_unapplied(write_server: Server) -> None:
    before = cuts(write_server)
    text = PREFIXES + (
        f"INSERT DATA {{ GRAPH <{EX}seq-bad> {{ <{EX}y> <{EX}p> 1 }} }} ;\n"
        'INSERT { ?e fg:jobsCut 1 } WHERE { ?e fg:organization/schema:name "Pinterest" ; fg:headcountBefore 5000 }'
    )
    assert update(write_server, text).status_code == 422
    assert cuts(write_server) == before
    assert write_server.select(f"SELECT ?o WHERE {{ <{EX}y> ?p ?o }}") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (f"LOAD <{EX}data.ttl>", "LOAD is not allowed"),
        (
            f"INSERT {{ <{EX}a> <{EX}p> ?o }} WHERE {{ SERVICE <{EX}sparql> {{ ?s ?p ?o }} }}",
            "SERVICE is not allowed",
        ),
        ("INSERT DATA { <a> <b> }", "error at"),
    ],
)
def test_refused_and_malformed_updates_are_400(write_server: Server, text: str, message: str) -> None:
    response = update(write_server, text)
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_update_by_form_at_either_url_and_other_methods(write_server: Server) -> None:
    text = f'INSERT DATA {{ GRAPH <{EX}form> {{ <{EX}form-thing> <https://schema.org/name> "by form" }} }}'
    for path in ("/sparql/update", "/sparql"):
        response = httpx.post(write_server.url + path, data={"update": text}, headers=AUTH)
        assert response.status_code == 200, response.text
    assert write_server.select(f"SELECT ?n WHERE {{ <{EX}form-thing> ?p ?n }}") == [{"n": "by form"}]
    wrong = httpx.post(
        write_server.url + "/sparql/update",
        content=text.encode(),
        headers={**AUTH, "Content-Type": "text/plain"},
    )
    assert wrong.status_code == 415
    get = httpx.get(write_server.url + "/sparql/update", headers=AUTH)
    assert get.status_code == 405 and get.headers["allow"] == "POST"


def test_rdflib_sparql_update_store(write_server: Server) -> None:
    store = SPARQLUpdateStore(
        write_server.url + "/sparql", write_server.url + "/sparql/update", headers=AUTH, returnFormat="json"
    )
    graph = rdflib.Graph(store=store, identifier=rdflib.URIRef(EX + "rdflib"))
    thing = rdflib.URIRef(EX + "rdflib-thing")
    name = rdflib.URIRef("https://schema.org/name")
    graph.add((thing, name, rdflib.Literal("added by rdflib")))
    assert (thing, name, rdflib.Literal("added by rdflib")) in graph
    assert write_server.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{thing}> ?p ?o }} }}") == [
        {"g": EX + "rdflib"}
    ]
    graph.remove((thing, name, None))
    assert (thing, name, rdflib.Literal("added by rdflib")) not in graph
    store.close()


TURTLE = {"Content-Type": "text/turtle", **AUTH}
PERSON = (
    b'@prefix schema: <https://schema.org/> . <http://example.org/p1> a schema:Person ; schema:name "Ada" .'
)


def test_graph_store_put_get_post_delete(write_server: Server) -> None:
    url = write_server.url + "/rdf-graphs"
    params = {"graph": EX + "gsp"}
    assert httpx.put(url, params=params, content=PERSON, headers=TURTLE).status_code == 201
    assert httpx.put(url, params=params, content=PERSON, headers=TURTLE).status_code == 204
    got = httpx.get(url, params=params, headers={"Accept": "text/turtle"})
    assert got.status_code == 200
    assert len(rdflib.Graph().parse(data=got.text, format="turtle")) == 2
    more = b'<http://example.org/p1> <https://schema.org/alternateName> "Augusta" .'
    posted = httpx.post(
        url, params=params, content=more, headers={"Content-Type": "application/n-triples", **AUTH}
    )
    assert posted.status_code == 204
    got = httpx.get(url, params=params, headers={"Accept": "application/n-triples"})
    assert len(got.text.strip().splitlines()) == 3
    assert httpx.delete(url, params=params, headers=AUTH).status_code == 204
    assert httpx.get(url, params=params).status_code == 404
    assert httpx.delete(url, params=params, headers=AUTH).status_code == 404


def test_graph_store_put_that_violates_is_422_and_changes_nothing(write_server: Server) -> None:
    url = write_server.url + "/rdf-graphs"
    bad = b"""@prefix fg: <https://w3id.org/firmgraph/ns#> .
<https://w3id.org/firmgraph/id/event/bad> a fg:Layoff ; fg:jobsCut -5 ."""
    response = httpx.put(url, params={"graph": EX + "bad"}, content=bad, headers=TURTLE)
    assert response.status_code == 422
    paths = {v["path"] for v in response.json()["report"]["violations"]}
    assert {"fg:jobsCut", "fg:organization"} <= paths
    assert httpx.get(url, params={"graph": EX + "bad"}).status_code == 404


def test_graph_store_post_is_validated_with_the_graphs_content(write_server: Server) -> None:
    url = write_server.url + "/rdf-graphs"
    params = {"graph": EX + "people"}
    assert httpx.put(url, params=params, content=PERSON, headers=TURTLE).status_code == 201
    # alone a second name is fine; with the graph's first name it breaks "exactly one name"
    second_name = b'<http://example.org/p1> <https://schema.org/name> "Someone Else" .'
    response = httpx.post(
        url, params=params, content=second_name, headers={"Content-Type": "application/n-triples", **AUTH}
    )
    assert response.status_code == 422, response.text
    got = httpx.get(url, params=params, headers={"Accept": "application/n-triples"})
    assert b"Someone Else" not in got.content


def test_graph_store_post_takes_rdf_files_as_multipart_parts(write_server: Server) -> None:
    url, params = write_server.url + "/rdf-graphs", {"graph": EX + "multipart"}
    parts = {
        "a": ("people.ttl", PERSON, "text/turtle"),  # format from the part's content type
        "b": ("more.nt", b'<http://example.org/p1> <https://schema.org/alternateName> "Augusta" .', ""),
        # the same blank-node label in two files names two nodes
        "c": ("one.nt", b'_:x <https://schema.org/name> "One" .', "application/n-triples"),
        "d": ("two.nt", b'_:x <https://schema.org/name> "Two" .', "application/n-triples"),
    }
    files = {k: (name, data, kind) if kind else (name, data) for k, (name, data, kind) in parts.items()}
    assert httpx.post(url, params=params, files=files, headers=AUTH).status_code == 201
    got = httpx.get(url, params=params, headers={"Accept": "application/n-triples"})
    graph = rdflib.Graph().parse(data=got.text, format="nt")
    assert len(graph) == 5
    assert len(set(graph.subjects(rdflib.URIRef("https://schema.org/name")))) == 3
    # one bad part: nothing of the request is written
    bad = {
        "a": ("ok.nt", b'<http://example.org/p2> <https://schema.org/name> "Bo" .'),
        "b": ("x.pdf", b"%PDF"),
    }
    refused = httpx.post(url, params=params, files=bad, headers=AUTH)
    assert refused.status_code == 415 and "x.pdf" in refused.json()["message"], refused.text
    violating = {
        "a": (
            "e.ttl",
            b"""@prefix fg: <https://w3id.org/firmgraph/ns#> .
<https://w3id.org/firmgraph/id/event/bad> a fg:Layoff ; fg:jobsCut -5 .""",
        )
    }
    assert httpx.post(url, params=params, files=violating, headers=AUTH).status_code == 422
    again = httpx.get(url, params=params, headers={"Accept": "application/n-triples"})
    assert len(again.text.strip().splitlines()) == 5
    assert httpx.post(url, params=params, files=files).status_code == 401  # writes need the token


@pytest.mark.parametrize(
    ("method", "query", "headers", "body", "status"),
    [
        ("PUT", "graph=http://example.org/x", {"Content-Type": "application/pdf"}, b"%PDF", 415),
        ("PUT", "graph=http://example.org/x", {"Content-Type": "text/turtle"}, b"<a> <b> .", 400),
        ("PUT", "graph=http://example.org/x&default", {"Content-Type": "text/turtle"}, b"", 400),
        ("GET", "", {}, b"", 400),
        ("GET", "graph=not%20an%20iri", {}, b"", 400),
        ("PATCH", "default", {}, b"", 405),
    ],
)
def test_graph_store_errors(
    write_server: Server, method: str, query: str, headers: dict[str, str], body: bytes, status: int
) -> None:
    response = httpx.request(
        method, write_server.url + "/rdf-graphs?" + query, content=body, headers={**AUTH, **headers}
    )
    assert response.status_code == status, response.text


def test_firms_sharing_people_after_a_membership_is_added(write_server: Server) -> None:
    def sharing() -> set[tuple[str, str, str]]:
        rows = write_server.select(get_query("firms-sharing-executives").bind())
        return {(r["name"], *sorted((r["firm1"], r["firm2"]))) for r in rows}  # type: ignore[misc]

    assert sharing() == set()  # nobody in the samples sits in two firms
    klarna_ceo = write_server.select(PREFIXES + 'SELECT ?p WHERE { ?p org:headOf/schema:name "Klarna" }')[0][
        "p"
    ]
    pinterest = write_server.select(PREFIXES + 'SELECT ?o WHERE { ?o schema:name "Pinterest" }')[0]["o"]
    text = f"{PREFIXES}INSERT DATA {{ GRAPH <{EX}board> {{ <{klarna_ceo}> org:memberOf <{pinterest}> }} }}"
    assert update(write_server, text).status_code == 200
    assert sharing() == {("Sebastian Siemiatkowski", "Klarna", "Pinterest")}
    csv = httpx.get(
        write_server.url + "/sparql",
        params={"query": get_query("firms-sharing-executives").bind(), "format": "csv"},
    )
    assert csv.text.splitlines()[0] == "person,name,firm1,firm2"
    assert "Sebastian Siemiatkowski" in csv.text


def test_cors_lets_only_the_write_origins_send_the_token(write_server: Server) -> None:
    ask = {
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    allowed = httpx.options(
        write_server.url + "/rdf-graphs", headers={**ask, "Origin": "https://editor.example.org"}
    )
    assert allowed.status_code == 200, allowed.text
    assert allowed.headers["access-control-allow-origin"] == "https://editor.example.org"
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    assert "PUT" in allowed.headers["access-control-allow-methods"]
    other = httpx.options(
        write_server.url + "/rdf-graphs", headers={**ask, "Origin": "https://else.example.org"}
    )
    assert other.status_code == 400
    put = httpx.put(
        write_server.url + f"/rdf-graphs?graph={EX}cors",
        content=f"<{EX}c> <{EX}p> 1 .".encode(),
        headers={**AUTH, "Content-Type": "text/turtle", "Origin": "https://editor.example.org"},
    )
    assert put.status_code == 201, put.text
    assert put.headers["access-control-allow-origin"] == "https://editor.example.org"
    read = httpx.get(
        write_server.url + "/sparql",
        params={"query": "ASK {}"},
        headers={"Origin": "https://else.example.org"},
    )
    assert read.headers["access-control-allow-origin"] == "*"
