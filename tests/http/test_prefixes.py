"""Predeclared prefixes on every query path, and syntax errors people can read."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from firmgraph.graph.errors import QueryError
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.sparql.messages import PREDECLARED, explain
from firmgraph.graph.sparql.syntax import error_position
from tests.http.conftest import Server, firmgraph_command

NO_PREFIXES = "SELECT ?org ?name WHERE { ?org a org:FormalOrganization ; schema:name ?name } ORDER BY ?name"


def _explained(query: str) -> str:
    with KnowledgeGraph.in_memory() as kg, pytest.raises(QueryError) as caught:
        kg.query(query)
    return str(caught.value)


def test_the_predeclared_prefixes_are_the_issue_list() -> None:
    for prefix in (
        "fg",
        "schema",
        "org",
        "prov",
        "oa",
        "rdf",
        "rdfs",
        "xsd",
        "skos",
        "owl",
        "dcterms",
        "reason",
    ):
        assert prefix in PREDECLARED


def test_an_unknown_prefix_is_named_with_its_position() -> None:
    message = _explained("SELECT ?x WHERE {\n  ?x foaf:name ?n }")
    assert message.startswith("unknown prefix `foaf:` at line 2, column")
    assert "fg:" in message and "\\u{" not in message
    assert error_position(message) == (2, 6)


def test_an_unclosed_brace_says_which_one() -> None:
    message = _explained("SELECT ?x WHERE {\n  ?x rdfs:label ?n\n")
    assert "expected `}`" in message and "the `{` at line 1, column 17 is never closed" in message


def test_an_unclosed_parenthesis_is_reported_where_the_brace_closes() -> None:
    message = _explained("SELECT ?x WHERE {\n  ?x fg:jobsCut ?n\n  FILTER(?n > 3\n}")
    assert message.startswith("expected `)` at line 4, column 1")


def test_a_misspelt_keyword_is_named() -> None:
    assert _explained("SELECT ?x WHERE { ?x ?p ?o } LIMT 5").startswith(
        "unknown word `LIMT` at line 1, column 30"
    )
    assert "starts with SELECT" in _explained("SELEC ?x WHERE { ?x ?p ?o }")


def test_other_errors_keep_the_position_and_drop_the_character_classes() -> None:
    message = _explained('SELECT ?x WHERE { ?x ?p "open }')
    assert "never closed" in message and "line 1" in message
    message = _explained("SELECT ?x WHERE { ?x ?p ?o . FILTER(?o = ) }")
    assert "expected an expression" in message and "'\\u" not in message


def test_a_message_that_is_not_a_parser_error_is_left_alone() -> None:
    assert explain("SELECT", "the store is closed") == "the store is closed"


def test_the_python_api_needs_no_prefix_lines(tmp_path: Path) -> None:
    with KnowledgeGraph.in_memory() as kg:
        rows = list(kg.query("SELECT ?c WHERE { ?c a owl:Class ; rdfs:label ?l } LIMIT 3"))
        assert len(rows) == 3
        # a query's own PREFIX line wins over the predeclared one
        assert list(kg.query("PREFIX owl: <http://example.org/> SELECT ?c WHERE { ?c a owl:Class }")) == []


def test_the_endpoint_needs_no_prefix_lines(server: Server) -> None:
    rows = server.select(NO_PREFIXES)
    assert len(rows) >= 3 and all(r["name"] for r in rows)


def test_the_endpoint_reports_a_readable_error_with_line_and_column(server: Server) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": "SELECT ?x WHERE {\n ?x foo:p ?y }"})
    assert response.status_code == 400
    body = response.json()
    assert body["message"].startswith("unknown prefix `foo:`") and (body["line"], body["column"]) == (2, 5)


def test_the_workbench_runs_a_query_without_prefix_lines(server: Server) -> None:
    page = httpx.get(server.url + "/?" + urlencode({"query": NO_PREFIXES}), headers={"Accept": "text/html"})
    assert page.status_code == 200 and 'href="/id/org/' in page.text
    for prefix in ("fg:", "schema:", "rdfs:"):
        assert f"<code>{prefix}</code>" in page.text  # the page lists what it predeclares


def test_the_cli_needs_no_prefix_lines(server: Server) -> None:
    done = subprocess.run(
        [*firmgraph_command(), "--store", server.url + "#firmgraph", "query", NO_PREFIXES],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "name" in done.stdout
