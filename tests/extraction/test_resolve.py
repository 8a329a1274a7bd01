"""Entity resolution across articles: which names join a known entity, which stay apart, and why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from firmgraph.api.cli import app
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.pipeline.imports import ImportResult
from firmgraph.graph.settings import Settings

PEOPLE_OF = """
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?p ?org WHERE { ?p a schema:Person ; schema:name "%s" ; org:memberOf ?org }
"""


def _record(title: str, orgs: list[dict[str, Any]], people: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "article": {"title": title, "date": "2026-02-12", "language": "en", "publisher": None},
        "organizations": orgs,
        "people": people,
        "events": [],
        "filings": [],
        "quotes": [],
    }


def _org(name: str, parent: str | None = None, aliases: list[str] | None = None) -> dict[str, Any]:
    return {"name": name, "aliases": aliases or [], "role_in_article": "mentioned", "parent": parent}


def _person(name: str, org: str) -> dict[str, Any]:
    return {"name": name, "organization": org, "role": "CEO", "role_text": "chief executive"}


def _import(kg: KnowledgeGraph, folder: Path, name: str, record: dict[str, Any]) -> ImportResult:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    (result,) = kg.import_paths([path])
    assert result.status == "imported", result.error
    return result


def _match(result: ImportResult, name: str) -> Any:
    found = [m for m in result.matches if m.name == name]
    assert len(found) == 1, result.matches
    return found[0]


def test_same_person_at_same_firm_is_merged_with_the_reason(kg: KnowledgeGraph, tmp_path: Path) -> None:
    _import(
        kg, tmp_path, "a", _record("A", [_org("Kestrel Bank")], [_person("Dana Whitfield", "Kestrel Bank")])
    )
    second = _import(
        kg,
        tmp_path,
        "b",
        _record("B", [_org("Kestrel Bank Corp.")], [_person("Dana Whitfield", "Kestrel Bank Corp.")]),
    )
    firm, person = _match(second, "Kestrel Bank Corp."), _match(second, "Dana Whitfield")
    assert firm.merged and "kestrel bank" in firm.reason
    assert person.merged and person.kind == "person" and "same organization" in person.reason
    assert len(kg.query_df(PEOPLE_OF % "Dana Whitfield")) == 1


def test_same_name_at_another_firm_stays_apart_and_says_why(kg: KnowledgeGraph, tmp_path: Path) -> None:
    _import(
        kg, tmp_path, "a", _record("A", [_org("Kestrel Bank")], [_person("Dana Whitfield", "Kestrel Bank")])
    )
    other = _import(
        kg,
        tmp_path,
        "b",
        _record("B", [_org("Trellis Networks")], [_person("Dana Whitfield", "Trellis Networks")]),
    )
    person = _match(other, "Dana Whitfield")
    assert not person.merged
    assert "other organizations" in person.reason and "not merged across firms" in person.reason
    rows = kg.query_df(PEOPLE_OF % "Dana Whitfield")
    assert len(set(rows["p"])) == 2 and len(set(rows["org"])) == 2


def test_surname_alone_never_joins_a_person_of_another_firm(kg: KnowledgeGraph, tmp_path: Path) -> None:
    _import(kg, tmp_path, "a", _record("A", [_org("Amazon")], [_person("Andy Jassy", "Amazon")]))
    other = _import(
        kg, tmp_path, "b", _record("B", [_org("Jassy Partners")], [_person("Ben Jassy", "Jassy Partners")])
    )
    assert not _match(other, "Ben Jassy").merged
    assert len(kg.query_df(PEOPLE_OF % "Andy Jassy")) == 1


def test_unit_with_alias_keeps_its_own_iri_under_its_owner(kg: KnowledgeGraph, tmp_path: Path) -> None:
    first = _import(kg, tmp_path, "a", _record("A", [_org("Amazon")], []))
    second = _import(
        kg,
        tmp_path,
        "b",
        _record(
            "B",
            [_org("Amazon.com Inc."), _org("Amazon Web Services", parent="Amazon.com Inc.", aliases=["AWS"])],
            [],
        ),
    )
    amazon = _match(first, "Amazon").iri
    assert _match(second, "Amazon.com Inc.").iri == amazon and _match(second, "Amazon.com Inc.").merged
    aws = _match(second, "Amazon Web Services")
    assert aws.iri != amazon and not aws.merged and "new organization" in aws.reason
    third = _import(kg, tmp_path, "c", _record("C", [_org("AWS")], []))
    assert _match(third, "AWS").iri == aws.iri, "the alias of the unit resolves to the unit, not to Amazon"


def test_extract_writes_a_reviewable_merge_report(settings: Settings, tmp_path: Path) -> None:
    store = tmp_path / "store"
    with KnowledgeGraph.open(store, settings=settings) as kg:
        record = _record("A", [_org("Kestrel Bank")], [_person("Dana Whitfield", "Kestrel Bank")])
        _import(kg, tmp_path, "a", record)
    article = tmp_path / "kestrel.en.txt"
    article.write_text(
        "Kestrel Bank to cut 2,000 jobs\n\nKestrel Bank said on Wednesday it would cut 2,000 jobs. Chief executive"
        " Dana Whitfield told staff in a memo that the bank had grown too slowly.\n",
        encoding="utf-8",
    )
    report = tmp_path / "merges.jsonl"
    out = CliRunner().invoke(
        app,
        [
            "--store",
            str(store),
            "extract",
            str(article),
            "--out",
            str(tmp_path / "x"),
            "--merges",
            str(report),
        ],
    )
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in report.read_text().splitlines()]
    by_name = {r["name"]: r for r in rows}
    assert by_name["Kestrel Bank"]["merged"] and by_name["Kestrel Bank"]["reason"]
    assert by_name["Dana Whitfield"]["kind"] == "person" and by_name["Dana Whitfield"]["merged"]
    assert (tmp_path / "x" / "kestrel.en.json").exists()
