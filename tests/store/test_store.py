"""The Store contract, run against every implementation (the `any_store` fixture: embedded, remote, staged)."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from firmgraph.graph.errors import QueryError
from firmgraph.graph.store import Commit, Store, open_store

EX = "http://example.org/"
G1, G2 = EX + "g1", EX + "g2"


def q(s: str, o: str, g: str, p: str = "p") -> ox.Quad:
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + p), ox.Literal(o), ox.NamedNode(g))


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store


def test_commit_replaces_graphs_and_adds_quads(store: Store) -> None:
    store.commit(Commit(replace={G1: [q("a", "1", G1), q("b", "2", G1)]}, add=[q("c", "3", G2)]))
    assert store.count(G1) == 2 and store.count(G2) == 1
    store.commit(Commit(replace={G1: [q("a", "9", G1)]}, add=[q("c", "3", G2)]))
    assert store.count(G1) == 1, "replace drops what the graph held before"
    assert store.count(G2) == 1, "adding a quad that is there changes nothing"
    assert store.named_graphs() == [G1, G2]


def test_queries_see_the_union_of_graphs(store: Store) -> None:
    store.commit(Commit(add=[q("a", "1", G1), q("b", "2", G2)]))
    rows = list(store.query(f"SELECT ?s WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"))  # type: ignore[arg-type]
    assert [r["s"].value for r in rows] == [EX + "a", EX + "b"]
    only_g2 = list(store.query("SELECT ?s WHERE { ?s ?p ?o }", default_graphs=[G2]))  # type: ignore[arg-type]
    assert [r["s"].value for r in only_g2] == [EX + "b"]


def test_drop_graph_and_quads(store: Store) -> None:
    store.commit(Commit(add=[q("a", "1", G1), q("b", "2", G2)]))
    store.drop_graph(G1)
    store.drop_graph(EX + "never-there")
    assert store.named_graphs() == [G2]
    assert [x.subject.value for x in store.quads(G2)] == [EX + "b"]
    assert store.count() == 1


def test_literals_with_quotes_newlines_and_languages_survive(store: Store) -> None:
    tricky = ox.Literal('er sagte „nein“ und "ja"\nzweite Zeile \\ ende', language="de")
    quad = ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), tricky, ox.NamedNode(G1))
    store.commit(Commit(replace={G1: [quad]}))
    assert next(store.quads(G1)).object == tricky


def test_malformed_query_raises_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match=r"(?i)error|expect"):
        store.query("SELECT ?s WHERE { ?s ?p }")


def test_bulk_load_and_has_graph(store: Store) -> None:
    data = f'<{EX}a> <{EX}p> "1" <{G1}> .\n<{EX}b> <{EX}p> "2" <{G2}> .\n'.encode()
    store.bulk_load(io.BytesIO(data), ox.RdfFormat.N_QUADS)
    assert store.count() == 2
    assert store.has_graph(G1) and not store.has_graph(EX + "nothing")


def test_data_persists_across_reopen(any_store_location: str) -> None:
    with open_store(any_store_location) as s:
        s.commit(Commit(add=[q("a", "1", G1)]))
    with open_store(any_store_location) as s:
        assert s.count() == 1
