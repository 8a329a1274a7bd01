"""KnowledgeGraph over a running firmgraph endpoint (`http://host:port#firmgraph`)."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from firmgraph.graph.errors import QueryError
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import RemoteSettings, get_settings
from firmgraph.graph.sparql.cookbook import get_query
from firmgraph.graph.store.remote import RemoteStore
from tests.http.conftest import TOKEN, Server

CUTS = """PREFIX fg: <https://w3id.org/firmgraph/ns#>
PREFIX schema: <https://schema.org/>
SELECT ?firm ?jobs WHERE { ?e fg:jobsCut ?jobs ; fg:organization/schema:name ?firm } ORDER BY ?firm ?jobs"""
EX = "http://example.org/remote-kg"


@pytest.fixture
def remote_kg(server: Server, monkeypatch: pytest.MonkeyPatch) -> Iterator[KnowledgeGraph]:
    monkeypatch.delenv("FIRMGRAPH_REMOTE_TOKEN", raising=False)
    get_settings.cache_clear()
    with KnowledgeGraph.open(server.url + "#firmgraph") as kg:
        yield kg
    get_settings.cache_clear()


def test_the_firmgraph_layout_names_the_endpoints(server: Server, remote_kg: KnowledgeGraph) -> None:
    store = remote_kg.store
    assert isinstance(store, RemoteStore)
    assert (store.query_url, store.update_url, store.gsp_url) == (
        server.url + "/sparql",
        server.url + "/sparql/update",
        server.url + "/rdf-graphs",
    )


def test_query_and_query_df_match_the_endpoint(server: Server, remote_kg: KnowledgeGraph) -> None:
    direct = [(r["firm"], int(r["jobs"])) for r in server.select(CUTS)]
    assert len(direct) >= 5
    solutions = remote_kg.query(CUTS)
    assert isinstance(solutions, ox.QuerySolutions)
    assert [(s["firm"].value, int(s["jobs"].value)) for s in solutions] == direct  # type: ignore[union-attr]
    df = remote_kg.query_df(CUTS)
    assert list(df.columns) == ["firm", "jobs"]
    assert list(zip(df["firm"], df["jobs"], strict=True)) == direct
    assert str(df["jobs"].dtype) == "Int64"  # typed literals come back as numbers
    largest = get_query("largest-cuts").bind()
    assert int(remote_kg.query_df(largest)["jobsCut"].iloc[0]) == int(server.select(largest)[0]["jobsCut"])


def test_ask_and_construct_through_the_store(remote_kg: KnowledgeGraph) -> None:
    assert bool(remote_kg.query('ASK { ?o <https://schema.org/name> "Pinterest" }'))
    triples = list(
        remote_kg.query(
            'CONSTRUCT { ?o <https://schema.org/name> ?n } WHERE { ?o <https://schema.org/name> ?n FILTER (?n = "Klarna") }'
        )  # type: ignore[arg-type]
    )
    assert [t.object.value for t in triples] == ["Klarna"]


def test_every_row_comes_back_and_past_the_byte_budget_is_an_error(remote_kg: KnowledgeGraph) -> None:
    # the server's row cap (100) is the workbench's; /sparql answers every row within its byte budget
    count = int(next(iter(remote_kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)  # type: ignore[index,call-overload]
    assert count > 100
    assert len(list(remote_kg.query("SELECT * WHERE { ?s ?p ?o }"))) == count  # type: ignore[arg-type]
    with pytest.raises(QueryError, match=r"(?i)page|limit"):
        list(remote_kg.query("SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }"))  # type: ignore[arg-type]


def test_writes_through_the_store_need_the_token(server: Server) -> None:
    store = RemoteStore.from_url(server.url + "#firmgraph", RemoteSettings(token=TOKEN, retries=0))
    try:
        store.update(f"INSERT DATA {{ GRAPH <{EX}> {{ <{EX}#a> <{EX}#p> 1 }} }}")
        assert store.count(EX) == 1
        store.drop_graph(EX)
        assert store.count(EX) == 0
    finally:
        store.close()
