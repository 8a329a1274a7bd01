"""Articles straight into the graph: extract, build, validate, commit — with evidence for every figure."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from firmgraph.graph.sparql.cookbook import get_query
from tests.conftest import REPO

OWN_ARTICLES = REPO / "tests" / "corpus" / "articles"
FOUNDATION_QUERIES = {
    "pinterest-cuts-and-costs": {"firm": "Pinterest"},
    "klarna-ceo-and-headcount": {"firm": "Klarna"},
    "announced-by-and-via": {"firm": "Amazon"},
    "outlets-of-spokesperson": {"person": "Tessa Chen"},
}
# columns that name this store's own nodes (events, sources, units) differ between two stores
ANSWER_COLUMNS = {
    "pinterest-cuts-and-costs": ["jobsCut", "approximate", "costMin", "costMax", "currency"],
    "klarna-ceo-and-headcount": ["ceo", "headcountBefore", "headcountAfter", "headcountTarget"],
    "announced-by-and-via": ["jobsCut", "spokesperson", "role", "channel"],
    "outlets-of-spokesperson": ["outletName"],
}


@pytest.fixture
def article_kg(kg: KnowledgeGraph, shared_corpus: Path) -> KnowledgeGraph:
    # the three real pages the sample records were written from (the corpus holds more articles)
    pages = ["amazon-2026-01-30.de.txt", "klarna-ki-stellenabbau.de.txt", "pinterest-2026-02-02.de.txt"]
    results = kg.import_paths([shared_corpus / "articles" / name for name in pages])
    assert [r.status for r in results] == ["imported"] * 3, [r.error for r in results]
    return kg


def answers(kg: KnowledgeGraph, slug: str) -> set[tuple[object, ...]]:
    frame = kg.query_df(get_query(slug).bind(FOUNDATION_QUERIES[slug]))[ANSWER_COLUMNS[slug]]
    return {tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(index=False)}


@pytest.mark.parametrize("slug", sorted(FOUNDATION_QUERIES))
def test_articles_answer_the_cookbook_like_the_gold_records(
    article_kg: KnowledgeGraph, sample_kg_other: KnowledgeGraph, slug: str
) -> None:
    assert answers(article_kg, slug) == answers(sample_kg_other, slug)


@pytest.fixture
def sample_kg_other(tmp_path: Path, settings: Settings) -> KnowledgeGraph:
    from tests.conftest import SAMPLES

    kg = KnowledgeGraph.open(tmp_path / "gold", settings=settings)
    kg.import_paths([SAMPLES])
    return kg


def test_aws_is_a_unit_of_amazon_from_the_article(article_kg: KnowledgeGraph) -> None:
    # unit names follow the article's wording (Einzelhandel, not the gold record's "retail"): compare AWS only
    units = article_kg.query_df(get_query("units-of-firm").bind({"firm": "Amazon"}))
    assert "Amazon Web Services" in set(units["name"])


def test_every_figure_has_a_verbatim_evidence_quote(article_kg: KnowledgeGraph, shared_corpus: Path) -> None:
    rows = article_kg.query_df(
        """PREFIX fg: <https://w3id.org/firmgraph/ns#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX schema: <https://schema.org/>
        SELECT ?figure ?exact ?start ?end ?name ?text WHERE {
          ?event fg:figure ?figure ; fg:reportedIn ?doc . ?doc schema:name ?name ; schema:text ?text .
          OPTIONAL { ?a oa:hasBody ?figure ; oa:hasTarget/oa:hasSelector ?q, ?p .
                     ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end } }"""
    )
    assert len(rows) >= 8
    missing = rows[rows["exact"].isna()]
    assert missing.empty, f"figures without evidence: {list(missing['figure'])}"
    for row in rows.itertuples():
        assert row.exact in (shared_corpus / "articles" / row.name).read_text(encoding="utf-8")
        # positions count in the document's text as read (page noise removed), kept as schema:text
        assert row.text[row.start : row.end] == row.exact


def test_importing_an_article_twice_changes_nothing(article_kg: KnowledgeGraph, shared_corpus: Path) -> None:
    before = (article_kg.store.count(), article_kg.store.named_graphs())
    article_kg.import_paths([shared_corpus / "articles" / "klarna-ki-stellenabbau.de.txt"])
    assert (article_kg.store.count(), article_kg.store.named_graphs()) == before


def test_an_article_without_an_event_adds_organizations_and_people_only(kg: KnowledgeGraph) -> None:
    (result,) = kg.import_paths([OWN_ARTICLES / "kessler-logistik-cfo-2026-05-06.de.txt"])
    assert result.status == "imported", result.error
    stats = kg.stats()
    assert stats["events"] == 0 and stats["organizations"] >= 1 and stats["people"] >= 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.html", bytes(range(256)) * 64, "binary"),
        ("huge.txt", b"Die Firma streicht Stellen. " * 750_000, "over the limit"),
    ],
)
def test_bad_articles_are_rejected_and_nothing_written(
    kg: KnowledgeGraph, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = kg.store.count()
    (result,) = kg.import_paths([path])
    assert result.status == "rejected" and message in (result.error or ""), result.error
    assert name in (result.error or "")
    assert kg.store.count() == before


def test_every_corpus_article_imports_into_a_store_with_the_samples(
    sample_kg: KnowledgeGraph, shared_corpus: Path
) -> None:
    """Our own resolution never rejects good input: a unit or firm named in another case by an earlier source."""
    results = sample_kg.import_paths([shared_corpus / "articles"])
    assert [r.error for r in results if r.status != "imported"] == []
    twice = sample_kg.query(
        "SELECT ?s WHERE { GRAPH ?g { ?s <https://schema.org/name> ?a , ?b FILTER (?a != ?b) } } LIMIT 5"
    )
    assert list(twice) == []
