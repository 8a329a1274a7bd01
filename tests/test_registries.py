"""A new source format and a new RDF format are one registration each, and work end to end."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.model.formats import DUMP_FORMATS, RDF_FORMATS, RdfFormat, register_rdf_format
from firmgraph.graph.model.records import Record, parse_record
from firmgraph.graph.publish.export import export_to_path
from firmgraph.graph.sources.formats import SOURCE_FORMATS, SourceFormat, register_source_format
from firmgraph.graph.views.projections import LINK_KINDS, LinkKind, register_link_kind


def _csv_records(text: str, source: str) -> list[Record]:
    """One record per row: a firm and the jobs it cuts."""
    records = []
    for row in csv.DictReader(io.StringIO(text)):
        record = {
            "article": {"title": row["title"], "date": row["date"], "language": "en", "publisher": None},
            "organizations": [
                {"name": row["firm"], "aliases": [], "role_in_article": "subject", "parent": None}
            ],
            "people": [],
            "events": [
                {
                    "id": row["title"],
                    "organization": row["firm"],
                    "type": "layoff",
                    "jobs_cut": int(row["jobs"]),
                }
            ],
            "filings": [],
            "quotes": [],
        }
        records.append(parse_record(record, source=source))
    return records


def _parse_tsv(data: bytes, base_iri: str) -> Iterator[ox.Triple]:
    """Triples as tab-separated N-Triples terms, one per line."""
    for line in data.decode().splitlines():
        if line.strip():
            for quad in ox.parse(line.replace("\t", " ") + " .", ox.RdfFormat.N_TRIPLES):
                yield quad.triple


def _write_tsv(out: BinaryIO, quads: Iterable[ox.Quad]) -> None:
    for q in quads:
        out.write(f"{q.subject}\t{q.predicate}\t{q.object}\n".encode())


TSV_TRIPLES = RdfFormat(
    "tsv-triples",
    "text/x-tsv-triples",
    ("tsvt",),
    "TSV triples",
    dump_rank=9,
    writer=_write_tsv,
    parser=_parse_tsv,
)


@pytest.fixture
def registered() -> Iterator[None]:
    register_source_format(SourceFormat("csv-records", "text/csv", ("csv",), "records", _csv_records))
    register_rdf_format(TSV_TRIPLES)
    try:
        yield
    finally:
        del SOURCE_FORMATS["csv-records"], RDF_FORMATS["tsv-triples"]


def _jobs(kg: KnowledgeGraph) -> dict[str, int]:
    rows = kg.query(
        "PREFIX fg: <https://w3id.org/firmgraph/ns#> PREFIX schema: <https://schema.org/> "
        "SELECT ?firm ?n WHERE { ?e fg:jobsCut ?n ; fg:organization/schema:name ?firm }"
    )
    return {row["firm"].value: int(row["n"].value) for row in rows}  # type: ignore[index, union-attr]


def test_a_registered_source_format_is_imported(registered: None, kg: KnowledgeGraph, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "cuts.csv").write_text(
        "title,date,firm,jobs\nAcme cuts,2026-03-01,Acme,120\nBeta cuts,2026-03-02,Beta,45\n"
    )
    results = kg.import_paths([folder])  # the folder walker finds .csv too
    assert [r.status for r in results] == ["imported", "imported"], [r.error for r in results]
    assert _jobs(kg) == {"Acme": 120, "Beta": 45}


def test_a_registered_rdf_format_is_imported_and_exported(
    registered: None, kg: KnowledgeGraph, tmp_path: Path
) -> None:
    source = tmp_path / "facts.tsvt"
    source.write_text('<https://example.org/a>\t<https://schema.org/name>\t"Acme"\n')
    (result,) = kg.import_paths([source])
    assert result.status == "imported", result.error
    assert "tsv-triples" in DUMP_FORMATS and list(DUMP_FORMATS)[-1] == "tsv-triples"
    out = tmp_path / "dump.tsvt"
    written = export_to_path(kg.store, out, graph=result.graph)
    lines = out.read_text().splitlines()
    assert written == len(lines) > 1
    assert '<https://example.org/a>\t<https://schema.org/name>\t"Acme"' in lines
    assert {t for line in lines for t in _parse_tsv(line.encode(), "")} == {
        q.triple for q in kg.store.quads(result.graph)
    }


def test_a_registered_link_kind_projects_firms(sample_kg: KnowledgeGraph) -> None:
    """Firms whose events one article reports: a link kind of one pattern."""
    assert list(LINK_KINDS)[:3] == ["shared-people", "co-mention", "wave"]
    register_link_kind(
        LinkKind(
            "same-report", lambda filters: "?e fg:organization ?x ; fg:reportedIn ?via .", "schema:headline"
        )
    )
    try:
        graph = sample_kg.network(link="same-report")
    finally:
        del LINK_KINDS["same-report"]
    names = {frozenset((graph.nodes[a]["label"], graph.nodes[b]["label"])) for a, b in graph.edges}
    assert frozenset(("Pinterest", "Amazon")) in names
    (data,) = [
        d
        for a, b, d in graph.edges(data=True)
        if {graph.nodes[a]["label"], graph.nodes[b]["label"]} == {"Pinterest", "Amazon"}
    ]
    assert data["relation"] == "same-report" and data["via"] == ["Pinterest opfert Jobs für KI"]
