"""The N-Quads dump loads into a real `oxigraph serve`, and the cookbook answers the same there as here."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.publish.export import export_to_path
from firmgraph.graph.settings import Settings
from firmgraph.graph.sparql.cookbook import load_cookbook
from tests.linked.conftest import BASE


def rows_of(results: ox.QuerySolutions) -> Counter[tuple[str, ...]]:
    """Solutions as a multiset of rows of terms (blank nodes as one marker: their labels are local)."""
    names = [v.value for v in results.variables]
    found: Counter[tuple[str, ...]] = Counter()
    for solution in results:
        found[tuple("_:b" if isinstance(t := solution[n], ox.BlankNode) else str(t) for n in names)] += 1
    return found


@pytest.fixture(scope="module")
def here(linked_store: Path, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    copy = tmp_path_factory.mktemp("cookbook") / "store"
    shutil.copytree(linked_store, copy)
    return KnowledgeGraph.open(copy, settings=Settings(store=str(copy), base_iri=BASE))


@pytest.fixture(scope="module")
def there(here: KnowledgeGraph, oxigraph_server: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The oxigraph server, emptied and loaded with our N-Quads dump through its HTTP API."""
    dump = tmp_path_factory.mktemp("dump") / "firmgraph.nq"
    written = export_to_path(here.store, dump)
    httpx.post(
        oxigraph_server + "/update",
        content=b"DROP ALL",
        headers={"Content-Type": "application/sparql-update"},
    ).raise_for_status()
    with dump.open("rb") as body:
        httpx.post(
            oxigraph_server + "/store",
            content=body,
            headers={"Content-Type": "application/n-quads"},
            timeout=60,
        ).raise_for_status()
    count = httpx.get(
        oxigraph_server + "/query",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "application/sparql-results+json"},
    ).json()["results"]["bindings"][0]["n"]["value"]
    assert int(count) == written
    return oxigraph_server


def remote(url: str, sparql: str) -> ox.QuerySolutions:
    response = httpx.post(
        url + "/query",
        content=sparql.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
        timeout=60,
    )
    response.raise_for_status()
    return ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)  # type: ignore[return-value]


@pytest.mark.parametrize("query", load_cookbook(), ids=lambda q: q.slug)
def test_the_cookbook_answers_the_same_in_oxigraph_serve(query, here: KnowledgeGraph, there: str) -> None:  # type: ignore[no-untyped-def]
    sparql = query.bind()
    ours = here.store.query(sparql)
    theirs = remote(there, sparql)
    assert isinstance(ours, ox.QuerySolutions)
    assert [v.value for v in theirs.variables] == [v.value for v in ours.variables]
    assert rows_of(theirs) == rows_of(ours)


def test_the_cookbook_is_not_empty_on_this_data(here: KnowledgeGraph) -> None:
    """Guards the comparison above: most saved queries have answers on the linked store."""
    answered = [q.slug for q in load_cookbook() if rows_of(here.store.query(q.bind()))]  # type: ignore[arg-type]
    assert len(answered) >= len(load_cookbook()) // 2, answered
