"""Removing a source takes out its graph, the entities only it named, and its reports from the canonical events."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from firmgraph.graph.errors import NotFoundError
from firmgraph.graph.kg import ONTOLOGY_GRAPH, KnowledgeGraph
from firmgraph.graph.settings import Settings
from tests.resolution.test_corpus import canonical_state

BASE = "https://w3id.org/firmgraph/"
STORY = ["amazon-2026-01-30.de.txt", "pinterest-2026-02-02.de.txt"]
ORPHANS = f"""SELECT DISTINCT ?e WHERE {{ GRAPH <{BASE}graph/entities> {{ ?e ?p ?o }}
  FILTER(STRSTARTS(STR(?e), "{BASE}id/org/") || STRSTARTS(STR(?e), "{BASE}id/person/"))
  FILTER NOT EXISTS {{ GRAPH ?g {{ {{ ?e ?p2 ?o2 }} UNION {{ ?s ?p2 ?e }} }} FILTER(STRSTARTS(STR(?g), "{BASE}graph/doc/")) }} }}"""


def open_kg(store: Path) -> KnowledgeGraph:
    return KnowledgeGraph.open(store, settings=Settings(store=str(store), base_iri=BASE))


def amazon_total(kg: KnowledgeGraph) -> tuple[int, int]:
    from firmgraph.graph.sparql.cookbook import get_query

    frame = kg.query_df(get_query("jobs-cut-per-firm").bind({"firm": "Amazon", "year": "2026"}))
    return (int(frame["events"].iloc[0]), int(frame["jobsCut"].iloc[0])) if len(frame) else (0, 0)


def test_remove_one_report_then_the_other(shared_corpus: Path, tmp_path: Path) -> None:
    articles = [shared_corpus / "articles" / name for name in STORY]
    with open_kg(tmp_path / "fresh") as fresh:
        fresh.import_paths(articles[:1])
        alone = canonical_state(fresh)
    with open_kg(tmp_path / "store") as kg:
        assert {r.status for r in kg.import_paths(articles)} == {"imported"}
        assert amazon_total(kg) == (1, 16_000)
        (removal,) = kg.remove(STORY[1])
        assert removal.quads > 0 and removal.events >= 1
        assert amazon_total(kg) == (1, 16_000), "the other report still carries the event"
        assert canonical_state(kg) == alone, "as if the removed article had never been imported"
        assert list(kg.query(ORPHANS)) == []  # type: ignore[arg-type]
        assert kg.validate().conforms
        with pytest.raises(NotFoundError, match="no imported source is called"):
            kg.remove(STORY[1])
        kg.remove(STORY[0])
        assert amazon_total(kg) == (0, 0)
        left = {g: kg.store.count(g) for g in kg.store.named_graphs() if g != ONTOLOGY_GRAPH}
        assert set(left.values()) <= {0}, left


def test_the_cli_removes_a_source_by_file_name(shared_corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    with open_kg(store) as kg:
        kg.import_paths([shared_corpus / "articles" / STORY[0]])

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "firmgraph.api.cli", "--store", str(store), *args],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip

    missing = cli("remove", "no-such-file.txt")
    assert missing.returncode == 1 and "no imported source is called" in missing.stderr
    done = cli("remove", STORY[0])
    assert done.returncode == 0 and "removed " in done.stdout, done.stderr


def test_removing_a_record_takes_its_people_and_their_roles(tmp_path: Path) -> None:
    from tests.conftest import SAMPLES

    with open_kg(tmp_path / "store") as kg:
        kg.import_paths([SAMPLES])
        people = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a <http://www.w3.org/ns/org#Membership> }"
        before = int(next(iter(kg.query(people)))["n"].value)  # type: ignore[call-overload, index]
        kg.remove("klarna-ki-stellenabbau.de.json")
        after = int(next(iter(kg.query(people)))["n"].value)  # type: ignore[call-overload, index]
        assert after < before
        assert list(kg.query(ORPHANS)) == []  # type: ignore[arg-type]
        assert kg.validate().conforms, kg.validate().text()
