"""Views over the extracted test corpus (18 articles) and the samples: links that span several articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.views.analytics import metrics, top_firms
from firmgraph.graph.views.timeline import firm_timeline
from tests.conftest import SAMPLES
from tests.views.conftest import settings_for
from tests.views.test_render import external_references

pytestmark = pytest.mark.slow

ARTICLES = Path(__file__).parents[1] / "corpus" / "articles"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    store = tmp_path_factory.mktemp("corpus") / "store"
    with KnowledgeGraph.open(store, settings=settings_for(store)) as kg:
        results = kg.import_paths([SAMPLES, ARTICLES])
        expected = len(list(SAMPLES.glob("*.json"))) + len(list(ARTICLES.glob("*.*")))
        assert len(results) == expected > 20, [r.source for r in results]
        assert all(r.status == "imported" for r in results), [r.error for r in results]
        yield kg


def pairs(graph) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    return {frozenset((graph.nodes[u]["label"], graph.nodes[v]["label"])) for u, v in graph.edges()}


def test_views_over_the_corpus(corpus: KnowledgeGraph) -> None:
    articles = corpus.query_df(
        "PREFIX schema: <https://schema.org/> SELECT ?a WHERE { ?a a schema:NewsArticle }"
    )
    assert len(articles) == len(list(SAMPLES.glob("*.json"))) + len(list(ARTICLES.glob("*.*")))
    for article in articles["a"]:
        graph = corpus.network(str(article), hops=1)
        assert graph.number_of_nodes() > 1, article
        assert {graph.nodes[n]["kind"] for n in graph} >= {"article"}
    co = corpus.network(link="co-mention")
    assert frozenset(("Pinterest", "Amazon")) in pairs(co) and co.number_of_nodes() > 20
    assert all(co.nodes[n]["kind"] == "firm" for n in co)
    ai = corpus.network(link="wave", reason="ai")
    assert frozenset(("Pinterest", "Amazon")) in pairs(ai)
    assert all(data["reasons"] == ["ai"] for _, _, data in ai.edges(data=True))
    english = corpus.network(link="co-mention", language="en")
    assert 0 < english.number_of_nodes() < co.number_of_nodes() and "Klarna" not in {
        english.nodes[n]["label"] for n in english
    }  # Klarna is only in a German article
    frame = metrics(co)
    assert frame["component"].nunique() > 1 and frame["community"].nunique() >= frame["component"].nunique()
    assert external_references(co.to_html()) == []


def test_top_firms_over_the_corpus(corpus: KnowledgeGraph) -> None:
    timeline = firm_timeline(corpus.query, max_firms=100)
    top = top_firms(timeline, period="year", n=3)
    assert set(top["period"]) >= {"2025", "2026"}
    for _, group in top.groupby("period"):
        assert list(group["jobs_cut"]) == sorted(group["jobs_cut"], reverse=True) and len(group) <= 3
    totals = timeline.totals().set_index("name")
    assert totals.loc["Amazon", "jobs_cut"] == 30_000 and totals.loc["Amazon", "waves"] == 2
