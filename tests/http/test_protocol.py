"""The SPARQL 1.1 Protocol at /sparql, spoken with raw httpx: operations, datasets, negotiation, errors, limits."""

from __future__ import annotations

import json

import httpx
import pyoxigraph as ox
import pytest
import rdflib

from firmgraph.api.negotiation import GRAPH_FORMATS, RESULT_FORMATS
from tests.http.conftest import Server

PREFIXES = "PREFIX fg: <https://w3id.org/firmgraph/ns#>\nPREFIX schema: <https://schema.org/>\n"
FIRMS = PREFIXES + "SELECT ?name WHERE { ?e fg:organization/schema:name ?name } GROUP BY ?name ORDER BY ?name"
ENTITIES = "https://w3id.org/firmgraph/graph/entities"
JSON = {"Accept": "application/sparql-results+json"}


def names(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [b["name"]["value"] for b in response.json()["results"]["bindings"]]


def test_get_post_form_and_post_direct_answer_alike(server: Server) -> None:
    url = server.url + "/sparql"
    by_get = httpx.get(url, params={"query": FIRMS}, headers=JSON)
    by_form = httpx.post(url, data={"query": FIRMS}, headers=JSON)
    by_body = httpx.post(
        url, content=FIRMS.encode(), headers={**JSON, "Content-Type": "application/sparql-query"}
    )
    assert names(by_get) == names(by_form) == names(by_body) == ["Amazon", "Klarna", "Pinterest"]


def test_head_answers_without_a_body(server: Server) -> None:
    response = httpx.head(server.url + "/sparql", params={"query": FIRMS}, headers=JSON)
    assert response.status_code == 200 and response.content == b""


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_the_default_graph_is_the_union_unless_the_request_names_graphs(server: Server) -> None:
    url = server.url + "/sparql"
    union = count(httpx.get(url, params={"query": COUNT}, headers=JSON))
    entities = count(httpx.get(url, params={"query": COUNT, "default-graph-uri": ENTITIES}, headers=JSON))
    from_clause = count(
        httpx.get(url, params={"query": COUNT.replace("WHERE", f"FROM <{ENTITIES}> WHERE")}, headers=JSON)
    )
    assert 0 < entities == from_clause < union


def test_default_graph_uri_in_the_form_and_named_graph_uri(server: Server) -> None:
    url = server.url + "/sparql"
    form = count(httpx.post(url, data={"query": COUNT, "default-graph-uri": ENTITIES}, headers=JSON))
    graphs_query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    only = httpx.get(url, params={"query": graphs_query, "named-graph-uri": ENTITIES}, headers=JSON)
    assert form > 0
    assert [b["g"]["value"] for b in only.json()["results"]["bindings"]] == [ENTITIES]


@pytest.mark.parametrize("fmt", RESULT_FORMATS, ids=lambda f: f.name)
def test_select_in_every_result_format(server: Server, fmt) -> None:  # type: ignore[no-untyped-def]
    response = httpx.get(server.url + "/sparql", params={"query": FIRMS}, headers={"Accept": fmt.media_type})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == fmt.media_type
    if fmt.name == "csv":  # lossy by design: pyoxigraph does not read it back
        assert response.text.splitlines() == ["name", "Amazon", "Klarna", "Pinterest"]
        return
    parsed = ox.parse_query_results(response.content, ox.QueryResultsFormat.from_media_type(fmt.media_type))
    assert [s["name"].value for s in parsed] == ["Amazon", "Klarna", "Pinterest"]


@pytest.mark.parametrize("fmt", RESULT_FORMATS, ids=lambda f: f.name)
def test_ask_in_every_result_format(server: Server, fmt) -> None:  # type: ignore[no-untyped-def]
    response = httpx.get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }", "format": fmt.name})
    assert response.status_code == 200, response.text
    assert b"true" in response.content


CONSTRUCT = PREFIXES + "CONSTRUCT { ?e fg:jobsCut ?n } WHERE { ?e fg:jobsCut ?n }"


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.name)
def test_construct_in_every_graph_format(server: Server, fmt) -> None:  # type: ignore[no-untyped-def]
    response = httpx.get(
        server.url + "/sparql", params={"query": CONSTRUCT}, headers={"Accept": fmt.media_type}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == fmt.media_type
    graph = rdflib.Dataset()
    graph.parse(
        data=response.content,
        format={
            "turtle": "turtle",
            "ntriples": "nt",
            "jsonld": "json-ld",
            "rdfxml": "xml",
            "trig": "trig",
            "nquads": "nquads",
        }[fmt.name],
    )
    values = sorted(int(o) for _, _, o, _ in graph.quads((None, None, None, None)))
    assert values and min(values) == 750


def test_describe_answers_a_graph(server: Server) -> None:
    query = PREFIXES + 'DESCRIBE ?o WHERE { ?o schema:name "Pinterest" }'
    response = httpx.get(
        server.url + "/sparql", params={"query": query}, headers={"Accept": "application/n-triples"}
    )
    assert response.status_code == 200
    assert b'"Pinterest"' in response.content


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
        ("text/*;q=0.9, text/csv;q=0.1", "text/tab-separated-values"),
        ("application/json", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_q_values_choose_the_format(server: Server, accept: str, expected: str) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": FIRMS}, headers={"Accept": accept})
    assert response.headers["content-type"].split(";")[0] == expected
    assert "Accept" in response.headers["vary"]


def test_format_parameter_wins_over_accept(server: Server) -> None:
    response = httpx.get(
        server.url + "/sparql",
        params={"query": FIRMS, "format": "csv"},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines() == ["name", "Amazon", "Klarna", "Pinterest"]


def error(response: httpx.Response, status: int) -> dict:  # type: ignore[type-arg]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert "Traceback" not in response.text
    return body  # type: ignore[no-any-return]


def test_malformed_query_is_400_with_the_parsers_message_and_position(server: Server) -> None:
    query = "SELECT ?s WHERE {\n  ?s ?p ?o .\n  ?s undeclared:p ?o\n}"
    body = error(httpx.get(server.url + "/sparql", params={"query": query}), 400)
    assert body["error"] == "QueryError"
    assert (body["line"], body["column"]) == (3, 6)  # where the unknown prefixed name starts
    assert body["message"].startswith("unknown prefix `undeclared:` at line 3, column 6")


@pytest.mark.parametrize(
    ("params", "accept"),
    [
        ({"query": FIRMS}, "text/turtle"),
        ({"query": CONSTRUCT}, "text/csv"),
        ({"query": FIRMS, "format": "pdf"}, None),
        ({"query": FIRMS}, "image/png, text/html;q=0.5"),
    ],
)
def test_unsupported_result_types_are_406(server: Server, params: dict[str, str], accept: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    body = error(httpx.get(server.url + "/sparql", params=params, headers=headers), 406)
    assert body["available"]


def test_wrong_content_type_is_415(server: Server) -> None:
    response = httpx.post(
        server.url + "/sparql", content=FIRMS.encode(), headers={"Content-Type": "text/plain"}
    )
    assert "application/sparql-query" in error(response, 415)["message"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_allow(server: Server, method: str) -> None:
    response = httpx.request(method, server.url + "/sparql", content=b"")
    error(response, 405)
    assert response.headers["allow"] == "GET, HEAD, POST"


@pytest.mark.parametrize(
    "params",
    [
        [("query", FIRMS), ("query", FIRMS)],
        [("query", "  ")],
        [("query", FIRMS), ("default-graph-uri", "no iri")],
    ],
)
def test_bad_parameters_are_400(server: Server, params: list[tuple[str, str]]) -> None:
    assert error(httpx.get(server.url + "/sparql", params=params), 400)["error"] == "InputError"


def test_service_description_without_a_query(server: Server) -> None:
    response = httpx.get(server.url + "/sparql")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    endpoint = rdflib.URIRef(server.url + "/sparql")
    assert (endpoint, sd.endpoint, endpoint) in graph
    assert (endpoint, sd.feature, sd.UnionDefaultGraph) in graph
    as_jsonld = httpx.get(server.url + "/sparql", headers={"Accept": "application/ld+json"})
    assert as_jsonld.headers["content-type"] == "application/ld+json"
    assert len(rdflib.Graph().parse(data=as_jsonld.text, format="json-ld")) == len(graph)


def numbers(count: int, padding: int = 0) -> str:
    """A SELECT of `count` rows built from VALUES alone (no data needed), each with a `padding`-long string."""
    tens = " ".join(str(i) for i in range(200))
    pad = "x" * padding
    return (
        f"SELECT ?n ?pad WHERE {{ VALUES ?a {{ {tens} }} VALUES ?b {{ {tens} }}"
        f' BIND(?a * 200 + ?b AS ?n) FILTER(?n < {count}) BIND("{pad}" AS ?pad) }}'
    )


def test_every_row_is_answered_past_the_workbench_page_size(server: Server) -> None:
    # the server's max_rows is 100: the workbench pages at it, the protocol endpoint never cuts
    response = httpx.post(server.url + "/sparql", data={"query": numbers(20_001)}, headers=JSON, timeout=60)
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    assert len(rows) == 20_001 and response.headers["x-firmgraph-rows"] == "20001"
    assert "x-firmgraph-truncated" not in response.headers
    construct = httpx.get(
        server.url + "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/n-triples"},
    )
    everything = httpx.get(
        server.url + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    )
    total = int(everything.json()["results"]["bindings"][0]["n"]["value"])
    assert total > 100 and len(construct.text.splitlines()) == total


def test_an_answer_over_the_byte_budget_is_an_error_that_says_how_to_page(server: Server) -> None:
    response = httpx.post(
        server.url + "/sparql", data={"query": numbers(20_001, padding=300)}, headers=JSON, timeout=60
    )
    body = error(response, 400)
    assert "MB" in body["message"] and "LIMIT and OFFSET" in body["message"]


def test_relative_iris_resolve_against_the_endpoint_or_base(server: Server) -> None:
    query = "CONSTRUCT { <s> <p> <o> } WHERE {}"
    response = httpx.post(
        server.url + "/sparql",
        content=query.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    assert response.status_code == 200, response.text
    base = server.url + "/"
    assert response.text.strip() == f"<{base}s> <{base}p> <{base}o> ."
    based = httpx.get(
        server.url + "/sparql",
        params={"query": "BASE <http://example.org/a/> SELECT ?x WHERE { BIND(<b> AS ?x) }"},
        headers=JSON,
    )
    assert based.json()["results"]["bindings"][0]["x"]["value"] == "http://example.org/a/b"


def test_request_bodies_over_the_cap_are_413(server: Server) -> None:
    padding = "#" + "x" * 250_000 + "\n"
    body = error(httpx.post(server.url + "/sparql", data={"query": padding + FIRMS}), 413)
    assert body["error"] == "InputTooLargeError"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?a ?b ?c . service silent <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(server: Server, query: str) -> None:
    assert (
        "SERVICE is not allowed"
        in error(httpx.get(server.url + "/sparql", params={"query": query}), 400)["message"]
    )


def test_the_word_service_in_a_string_or_iri_is_no_service_call(server: Server) -> None:
    query = 'SELECT ?x WHERE { BIND ("SERVICE <http://example.org/> { }" AS ?x) FILTER (?x != <http://x/SERVICE>) }'
    response = httpx.get(server.url + "/sparql", params={"query": query}, headers=JSON)
    assert response.status_code == 200, response.text


def test_cors_allows_reads_from_any_origin_without_credentials(server: Server) -> None:
    origin = {"Origin": "https://notebook.example.org"}
    response = httpx.get(server.url + "/sparql", params={"query": FIRMS}, headers={**JSON, **origin})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    preflight = {**origin, "Access-Control-Request-Method": "POST"}
    direct = httpx.options(
        server.url + "/sparql", headers={**preflight, "Access-Control-Request-Headers": "content-type"}
    )
    assert direct.status_code == 200
    with_token = httpx.options(
        server.url + "/sparql/update",
        headers={**preflight, "Access-Control-Request-Headers": "authorization"},
    )
    assert with_token.status_code == 400


def test_errors_are_json_without_internals(server: Server) -> None:
    body = error(httpx.get(server.url + "/sparql", params={"query": "SELECT"}), 400)
    assert set(body) >= {"error", "message"}
    json.dumps(body)
