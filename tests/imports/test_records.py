"""Importing JSON records: one graph per source, provenance, idempotence, stable IRIs."""

from __future__ import annotations

import shutil
from pathlib import Path

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from tests.conftest import SAMPLES

PREFIXES = """
PREFIX fg: <https://w3id.org/firmgraph/ns#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def org_iris(kg: KnowledgeGraph) -> dict[str, str]:
    df = kg.query_df(PREFIXES + "SELECT ?org ?name WHERE { ?org a org:Organization ; schema:name ?name }")
    return dict(zip(df["name"], df["org"], strict=True))


def test_each_record_becomes_one_graph_with_provenance(sample_kg: KnowledgeGraph) -> None:
    df = sample_kg.query_df(
        PREFIXES
        + """SELECT ?g ?doc ?run ?when ?agent WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?doc ;
             prov:wasGeneratedBy ?run ; prov:generatedAtTime ?when . ?run prov:wasAssociatedWith ?agent } }"""
    )
    assert len(df) == 3
    assert df["g"].str.contains("/graph/doc/").all()
    assert df["agent"].str.startswith("https://w3id.org/firmgraph/software/").all()


def test_reimport_replaces_the_graph(sample_kg: KnowledgeGraph) -> None:
    before = sample_kg.stats()
    results = sample_kg.import_paths([SAMPLES])
    assert {r.status for r in results} == {"imported"}
    assert sample_kg.stats() == before


def test_iris_are_stable_whatever_the_order(tmp_path: Path, settings: Settings) -> None:
    amazon, pinterest = SAMPLES / "amazon-2026-01-30.de.json", SAMPLES / "pinterest-2026-02-02.de.json"
    seen = []
    for n, order in enumerate(
        ([amazon, pinterest], [pinterest, amazon], [amazon, pinterest, amazon, pinterest])
    ):
        with KnowledgeGraph.open(tmp_path / f"s{n}", settings=settings) as kg:
            kg.import_paths(order)
            seen.append(org_iris(kg))
    assert seen[0] == seen[1] == seen[2]
    assert "Amazon" in seen[0] and "Pinterest" in seen[0]
    assert all("/id/org/" in iri and "amazon" not in iri.lower() for iri in seen[0].values()), (
        "keys are opaque"
    )


def test_the_same_firm_from_two_sources_is_one_entity_with_one_name(sample_kg: KnowledgeGraph) -> None:
    df = sample_kg.query_df(
        PREFIXES
        + 'SELECT ?org (COUNT(?name) AS ?names) WHERE { ?org schema:name ?name ; fg:nameKey "amazon" } GROUP BY ?org'
    )
    assert len(df) == 1 and df["names"][0] == 1


def test_shape_warnings_are_reported_and_the_data_committed(kg: KnowledgeGraph) -> None:
    (result,) = kg.import_paths([SAMPLES / "pinterest-2026-02-02.de.json"])
    assert result.status == "imported"
    assert result.report is not None and result.report.warnings, (
        "1/15 stated beside 750 of 5000 is implausible"
    )
    assert kg.stats()["events"] == 2


def test_dry_run_writes_nothing(kg: KnowledgeGraph) -> None:
    before = kg.store.count()
    results = kg.import_paths([SAMPLES], dry_run=True)
    assert {r.status for r in results} == {"checked"}
    assert kg.store.count() == before


def test_json_lines_give_one_source_per_line(kg: KnowledgeGraph, tmp_path: Path) -> None:
    lines = [p.read_text().replace("\n", " ") for p in sorted(SAMPLES.glob("*.json"))]
    (tmp_path / "all.jsonl").write_text("\n".join(lines) + "\n")
    results = kg.import_paths([tmp_path / "all.jsonl"])
    assert [r.status for r in results] == ["imported"] * 3
    assert len({r.graph for r in results}) == 3


def test_a_folder_is_walked(kg: KnowledgeGraph, tmp_path: Path) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    shutil.copy(SAMPLES / "klarna-ki-stellenabbau.de.json", nested)
    (tmp_path / "a" / "notes.bak").write_text("not a source: no registered format reads .bak")
    (result,) = kg.import_paths([tmp_path / "a"])
    assert result.status == "imported"


def test_another_name_for_a_known_firm_becomes_an_alias(sample_kg: KnowledgeGraph, tmp_path: Path) -> None:
    import json

    record = json.loads((SAMPLES / "klarna-ki-stellenabbau.de.json").read_text())
    record["article"]["title"] = "Another article"
    record["organizations"].append(
        {"name": "Amazon.com Inc.", "aliases": [], "role_in_article": "mentioned", "parent": None}
    )
    (tmp_path / "other.json").write_text(json.dumps(record))
    before = org_iris(sample_kg)
    (result,) = sample_kg.import_paths([tmp_path / "other.json"])
    assert result.status == "imported", result.error
    assert org_iris(sample_kg) == before, "no new organization, and Amazon keeps its one name"
    match = next(m for m in result.matches if m.name == "Amazon.com Inc.")
    assert match.iri == before["Amazon"] and "amazon" in match.reason
    aliases = sample_kg.query_df(
        PREFIXES + f"SELECT ?a WHERE {{ <{before['Amazon']}> schema:alternateName ?a }}"
    )
    assert "Amazon.com Inc." in set(aliases["a"])
