"""Event resolution measured on the shared corpus: coref_f1 with its scorer, order independence."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.pipeline.articles import event_keys, extract_paths
from firmgraph.graph.settings import Settings
from firmgraph.graph.sources import read_path

BASE = "https://w3id.org/firmgraph/"
EXTRACTED_FLOOR = 0.95
"""coref_f1 reached with the rule extractor's own events (missed or misattributed events cannot be
linked, so this measures extraction as much as resolution); the gold-record test isolates resolution."""


def coref_f1(corpus: Path, predictions: Path) -> float:
    result = subprocess.run(
        [sys.executable, str(corpus / "coref.py"), str(corpus / "gold"), str(predictions)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    m = re.search(r"^coref_f1=([0-9.]+)$", result.stdout, re.M)
    assert m, result.stdout + result.stderr
    return float(m.group(1))


def gold_without_keys(corpus: Path, name: str) -> dict[str, object]:
    record = json.loads((corpus / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    for event in record["events"]:
        event.pop("event_key", None)
    return record


def test_resolution_of_the_gold_records_links_what_gold_links(shared_corpus: Path, tmp_path: Path) -> None:
    """With the extraction taken from gold (keys removed), resolution alone reaches coref_f1 >= 0.95."""
    names = sorted(p.stem for p in (shared_corpus / "articles").glob("*.txt"))
    items = [
        (read_path(shared_corpus / "articles" / f"{n}.txt"), gold_without_keys(shared_corpus, n))
        for n in names
    ]
    keys = event_keys(items, BASE)  # type: ignore[arg-type]
    out = tmp_path / "pred"
    out.mkdir()
    for i, (doc, record) in enumerate(items):
        for event, (key, _) in zip(record["events"], keys[i], strict=True):  # type: ignore[arg-type]
            event["event_key"] = key
        (out / f"{Path(doc.source).stem}.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    assert coref_f1(shared_corpus, out) >= 0.95


def test_extract_writes_event_keys_that_the_scorer_reads(shared_corpus: Path, tmp_path: Path) -> None:
    written = extract_paths([str(shared_corpus / "articles")], tmp_path / "pred", base=BASE)
    records = [json.loads(p.read_text(encoding="utf-8")) for p in written]
    keys = [e["event_key"] for r in records for e in r["events"]]
    assert keys and all(k.startswith(BASE + "id/event/") for k in keys)
    assert len(set(keys)) < len(keys), "some events of different articles resolve to one canonical event"
    assert coref_f1(shared_corpus, tmp_path / "pred") >= EXTRACTED_FLOOR


def _groups(kg: KnowledgeGraph, sparql: str) -> frozenset[frozenset[str]]:
    found: dict[str, set[str]] = {}
    prologue = "PREFIX fg: <https://w3id.org/firmgraph/ns#> PREFIX schema: <https://schema.org/> "
    for row in kg.query(prologue + sparql):
        found.setdefault(row["x"].value, set()).add(row["v"].value)  # type: ignore[index]
    return frozenset(frozenset(v) for v in found.values())


def canonical_state(kg: KnowledgeGraph) -> tuple[frozenset[frozenset[str]], ...]:
    """The canonical events as sets of their reports (IRIs of what each source states), the
    organizations as sets of their names, the people as sets of name and organization names:
    the partitions resolution makes, whichever first name an IRI was minted from."""
    org = "<http://www.w3.org/ns/org#"
    return (
        _groups(kg, "SELECT ?x ?v WHERE { ?x fg:reports ?v }"),
        _groups(
            kg, f"SELECT ?x ?v WHERE {{ ?x a {org}Organization> ; schema:name|schema:alternateName ?v }}"
        ),
        _groups(
            kg,
            "SELECT ?x ?v WHERE { ?x a schema:Person . { ?x schema:name ?v } UNION"
            f" {{ ?x {org}memberOf>/(schema:name|schema:alternateName) ?v }} }}",
        ),
    )


def import_in_orders(
    sources: list[Path], tmp_path: Path, orders: int = 5
) -> list[tuple[frozenset[frozenset[str]], ...]]:
    """Import the sources into a fresh store per seeded random order; nothing may be rejected."""
    states = []
    for seed in range(orders):
        order = list(sources)
        random.Random(seed).shuffle(order)
        store = tmp_path / f"store-{seed}"
        with KnowledgeGraph.open(store, settings=Settings(store=str(store), base_iri=BASE)) as kg:
            results = kg.import_paths(order)
            assert [r.error for r in results if r.status != "imported"] == []
            states.append(canonical_state(kg))
    return states


@pytest.fixture(scope="module")
def whole_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[frozenset[frozenset[str]], ...]]:
    """Records and articles of the whole corpus, imported in five random orders."""
    from tests.conftest import SHARED_CORPUS

    if not (SHARED_CORPUS / "coref.py").is_file():
        pytest.skip("the shared corpus is not beside the repository")
    tmp_path = tmp_path_factory.mktemp("orders")
    sources = [tmp_path / "records" / p.name for p in sorted((SHARED_CORPUS / "gold").glob("*.json"))]
    sources[0].parent.mkdir()
    for p in sources:
        shutil.copy(SHARED_CORPUS / "gold" / p.name, p)
    return import_in_orders(sources + sorted((SHARED_CORPUS / "articles").glob("*.txt")), tmp_path)


def test_the_whole_corpus_imports_in_any_order(
    whole_corpus: list[tuple[frozenset[frozenset[str]], ...]],
) -> None:
    events = whole_corpus[0][0]
    assert len([e for e in events if len(e) > 1]) >= 30, (
        "records merge with their articles, stories across articles"
    )


def test_records_and_articles_in_five_orders_give_the_same_canonical_events(
    whole_corpus: list[tuple[frozenset[frozenset[str]], ...]],
) -> None:
    assert len({state[0] for state in whole_corpus}) == 1


def test_the_articles_in_five_orders_give_the_same_canonical_events(
    shared_corpus: Path, tmp_path: Path
) -> None:
    states = import_in_orders(sorted((shared_corpus / "articles").glob("*.txt")), tmp_path)
    assert len({state[0] for state in states}) == 1
    assert len({state[2] for state in states}) == 1  # people, with the names of their organizations


@pytest.fixture
def samples_and_articles(kg: KnowledgeGraph, shared_corpus: Path) -> KnowledgeGraph:
    """What `make run` imports (the sample records), then the three sample articles."""
    from tests.conftest import SAMPLES

    assert {r.status for r in kg.import_paths([SAMPLES])} == {"imported"}
    articles = [shared_corpus / "articles" / f"{p.stem}.txt" for p in sorted(SAMPLES.glob("*.json"))]
    results = kg.import_paths([a for a in articles if a.exists()])
    assert [r.error for r in results] == [None] * 3
    return kg


def test_amazon_cut_16000_in_2026_however_many_reports(samples_and_articles: KnowledgeGraph) -> None:
    from firmgraph.graph.sparql.cookbook import get_query

    kg = samples_and_articles
    (row,) = kg.query_df(get_query("jobs-cut-per-firm").bind({"firm": "Amazon", "year": "2026"})).to_dict(
        "records"
    )
    assert row["jobsCut"] == 16_000 and row["events"] == 1
    naive = kg.query_df(
        "PREFIX fg: <https://w3id.org/firmgraph/ns#> PREFIX schema: <https://schema.org/>"
        " SELECT (SUM(?j) AS ?n) WHERE { ?e fg:organization/schema:name 'Amazon' ; fg:jobsCut ?j ; fg:reportedIn ?d }"
    )
    assert int(naive.iloc[0, 0]) > 16_000  # what summing the reports would say
