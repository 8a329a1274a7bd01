"""Virtuoso as a real remote store, through its profile: writes, graph lists, counts, graph queries."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from firmgraph.graph.errors import QueryError
from firmgraph.graph.settings import RemoteSettings
from firmgraph.graph.store import Commit, RemoteStore
from firmgraph.graph.store.endpoints import lenient_blank_labels
from firmgraph.graph.store.staging import SKOLEM_PREFIX
from tests.store.virtuoso import virtuoso_server

__all__ = ["virtuoso_server"]

EX = "http://example.org/"
G = EX + "vg"


@pytest.fixture
def store(virtuoso_server: str) -> Iterator[RemoteStore]:
    with RemoteStore.from_url(virtuoso_server, RemoteSettings(auth_scheme="digest", backoff=0.01)) as s:
        s.drop_graph(G)
        yield s
        s.drop_graph(G)


def triples(n: int) -> list[ox.Quad]:
    g = ox.NamedNode(G)
    return [
        ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i)), g) for i in range(n)
    ]


def test_the_profile_uses_virtuosos_endpoints_and_its_batch_size(store: RemoteStore) -> None:
    assert store.update_url.endswith("/sparql-auth") and store.batch_bytes == 64 * 1024


def test_a_commit_lands_and_system_graphs_stay_out_of_lists_and_counts(store: RemoteStore) -> None:
    store.commit(Commit(replace={G: triples(5)}))
    assert store.named_graphs() == [G]  # Virtuoso's own graphs are left out
    assert store.count() == store.count(G) == 5
    assert sorted(q.object.value for q in store.quads(G)) == ["0", "1", "2", "3", "4"]


def test_construct_gets_a_graph_and_select_gets_rows(store: RemoteStore) -> None:
    store.commit(Commit(replace={G: triples(3)}))
    graph = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")
    assert len(list(graph)) == 3  # not a SELECT result in disguise
    rows = store.query(f"SELECT ?s WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")
    assert isinstance(rows, ox.QuerySolutions) and len(list(rows)) == 3


def test_blank_node_labels_of_virtuoso_parse() -> None:
    body = (
        b'{"head":{"vars":["b"]},"results":{"bindings":[{"b":{"type":"bnode","value":"nodeID://b10001"}}]}}'
    )
    (row,) = list(ox.parse_query_results(lenient_blank_labels(body), ox.QueryResultsFormat.JSON))
    assert row["b"] == ox.BlankNode("b10001")


def test_a_large_commit_is_staged_in_small_batches(store: RemoteStore) -> None:
    store.commit(Commit(replace={G: triples(3000)}))  # far over 64 KB
    assert store.count(G) == 3000 and store.staging_graphs() == []


def test_blank_nodes_are_written_as_skolem_iris(store: RemoteStore) -> None:
    g = ox.NamedNode(G)
    node = ox.BlankNode("figure1")
    store.commit(
        Commit(
            replace={
                G: [
                    ox.Quad(ox.NamedNode(EX + "e"), ox.NamedNode(EX + "figure"), node, g),
                    ox.Quad(node, ox.NamedNode(EX + "value"), ox.Literal("750"), g),
                ]
            }
        )
    )  # Virtuoso refuses blank nodes in INSERT DATA (SP031)
    (row,) = list(store.query(f"SELECT ?v WHERE {{ GRAPH <{G}> {{ <{EX}e> <{EX}figure>/<{EX}value> ?v }} }}"))
    assert row["v"].value == "750"
    assert {q.object for q in store.quads(G) if q.predicate.value == EX + "figure"} == {
        ox.NamedNode(SKOLEM_PREFIX + "figure1")
    }


def test_an_answer_cut_at_virtuosos_row_cap_is_an_error_not_a_silent_cut(store: RemoteStore) -> None:
    store.commit(Commit(replace={G: triples(10_050)}))  # over ResultSetMaxRows = 10,000
    with pytest.raises(QueryError, match="ResultSetMaxRows"):
        list(store.query(f"SELECT ?s WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"))
    (row,) = list(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"))
    assert row["n"].value == "10050"  # a small answer about many rows is fine
