"""validate() and its report: what it sees, what it reports, and the forms a report takes."""

from __future__ import annotations

import json
import random
import string

import pytest
import rdflib
from rdflib.namespace import RDF, SH

from firmgraph.graph.model.namespaces import FG, ORG, SCHEMA, turtle_prologue
from firmgraph.graph.pipeline.validation import ValidationReport, validate

ID = "https://w3id.org/firmgraph/id/"
FIRM = rdflib.URIRef(ID + "org/K1")
EVENT = rdflib.URIRef(ID + "event/E1")


def turtle(body: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=turtle_prologue() + f"@base <{ID}> .\n" + body, format="turtle")


FIRM_TTL = '<org/K1> a org:Organization, org:FormalOrganization ; schema:name "Pinterest" .\n'
BAD_EVENT = turtle(
    FIRM_TTL
    + """<event/E1> a fg:Layoff ; fg:organization <org/K1> ; fg:reportedIn <doc/D1> ;
        fg:workforceShare 1.5 ; fg:costMin 5.0 ; fg:costMax 1.0 ; fg:currency "USD" ;
        fg:announced "2026-02-02"^^xsd:date ; fg:effectiveBy "2025"^^xsd:gYear ."""
)
PINTEREST = turtle(
    FIRM_TTL
    + """<event/E1> a fg:Layoff ; fg:organization <org/K1> ; fg:reportedIn <doc/D1> ;
        fg:jobsCut 750 ; fg:workforceShare 0.0667 ; fg:headcountBefore 5000 ."""
)


@pytest.fixture(scope="module")
def bad() -> ValidationReport:
    return validate(BAD_EVENT)


def test_a_violation_blocks_and_is_described(bad: ValidationReport) -> None:
    assert not bad.conforms
    shapes = {(r.shape, r.source_constraint) for r in bad.violations}
    assert shapes == {
        ("fgsh:Event-workforceShare", None),
        ("fgsh:Event-costRange", None),
        ("fgsh:EventShape", "fgsh:Event-datesInOrder"),
    }
    share = next(r for r in bad.violations if r.shape == "fgsh:Event-workforceShare")
    assert share.focus_node == str(EVENT)
    assert share.path == "fg:workforceShare"
    assert share.value == '"1.5"^^xsd:decimal'
    assert share.severity == "Violation"
    assert share.source_constraint_component == "sh:MaxInclusiveConstraintComponent"
    assert "between 0 and 1" in share.message_en
    assert "zwischen 0 und 1" in share.message_de


def test_text_gives_one_line_per_result_in_either_language(bad: ValidationReport) -> None:
    lines = bad.text().splitlines()
    assert len(lines) == len(bad.violations) == 3
    share = next(line for line in lines if "fgsh:Event-workforceShare" in line)
    assert share.startswith("Violation fgsh:Event-workforceShare: ")
    assert f'<{EVENT}> fg:workforceShare = "1.5"^^xsd:decimal' in share
    assert "Workforce share" in share
    german = bad.text(lang="de")
    assert "Belegschaftsanteil" in german and "Workforce share" not in german


def test_sparql_messages_keep_their_language(bad: ValidationReport) -> None:
    """pySHACL drops the language tag when it fills in {?value}: the report restores it."""
    dates = next(r for r in bad.violations if r.source_constraint == "fgsh:Event-datesInOrder")
    assert dates.message_en.startswith("Completion date (fg:effectiveBy) 2025 lies before")
    assert dates.message_de.startswith("Das Abschlussdatum (fg:effectiveBy) 2025 liegt vor")
    assert dates.path == "fg:effectiveBy"


def test_to_json_is_plain_data(bad: ValidationReport) -> None:
    body = json.loads(json.dumps(bad.to_json()))
    assert body["conforms"] is False
    assert body["warnings"] == []
    assert {v["shape"] for v in body["violations"]} >= {"fgsh:Event-costRange"}
    assert set(body["violations"][0]) == {
        "focus_node",
        "path",
        "value",
        "shape",
        "severity",
        "message_en",
        "message_de",
        "source_constraint_component",
        "source_constraint",
    }


def test_turtle_is_a_w3c_validation_report(bad: ValidationReport) -> None:
    graph = rdflib.Graph().parse(data=bad.turtle, format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms) == rdflib.Literal(False)
    results = list(graph.objects(report, SH.result))
    assert len(results) == 3
    assert {graph.value(r, SH.focusNode) for r in results} == {EVENT}
    assert all(graph.value(r, SH.resultSeverity) == SH.Violation for r in results)


def test_warnings_do_not_block() -> None:
    report = validate(PINTEREST)
    assert report.conforms
    assert not report.violations
    assert [w.source_constraint for w in report.warnings] == ["fgsh:WorkforceShare-consistent"]
    assert "0.15" in report.warnings[0].message_en
    graph = rdflib.Graph().parse(data=report.turtle, format="turtle")
    (node,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(node, SH.conforms) == rdflib.Literal(True)
    assert len(list(graph.objects(node, SH.result))) == 1


def test_an_empty_batch_conforms_with_nothing_to_say() -> None:
    report = validate(rdflib.Graph())
    assert report.conforms and report.violations == [] and report.warnings == []
    assert report.text() == ""


def test_a_dataset_is_validated_as_one_graph() -> None:
    dataset = rdflib.Dataset()
    entities = dataset.graph(rdflib.URIRef("https://w3id.org/firmgraph/graph/entities"))
    source = dataset.graph(rdflib.URIRef("https://w3id.org/firmgraph/graph/doc/D1"))
    entities.add((FIRM, RDF.type, ORG.Organization))
    entities.add((FIRM, SCHEMA.name, rdflib.Literal("Pinterest")))
    source.add((EVENT, RDF.type, FG.Layoff))
    source.add((EVENT, FG.organization, FIRM))
    source.add((EVENT, FG.reportedIn, rdflib.URIRef(ID + "doc/D1")))
    assert validate(dataset).conforms
    entities.remove((FIRM, SCHEMA.name, None))
    assert [r.shape for r in validate(dataset).violations] == ["fgsh:Organization-name"]


def test_context_is_seen_but_its_own_problems_are_not_reported() -> None:
    event = turtle("<event/E1> a fg:Layoff ; fg:organization <org/K1> ; fg:reportedIn <doc/D1> .")
    nameless = turtle("<org/K1> a org:Organization .")
    assert [r.shape for r in validate(event).violations] == ["fgsh:Event-organization"]
    assert validate(event, context=nameless).conforms
    assert [r.shape for r in validate(event + nameless).violations] == ["fgsh:Organization-name"]


def test_blank_nodes_of_the_batch_are_reported() -> None:
    graph = turtle('[] a org:Organization ; fg:cik "320193" .')
    shapes = sorted(r.shape for r in validate(graph).violations)
    assert shapes == ["fgsh:Organization-cik", "fgsh:Organization-name"]
    assert all(r.focus_node.startswith("_:") for r in validate(graph).violations)


def _lei(rng: random.Random, *, valid: bool) -> str:
    body = "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(18))
    check = 98 - int("".join(str(int(c, 36)) for c in body)) * 100 % 97
    if not valid:
        check = (check + rng.randint(1, 96)) % 97
    return f"{body}{check:02d}"


def _lei_is_valid(lei: str) -> bool:
    return int("".join(str(int(c, 36)) for c in lei)) % 97 == 1


def test_lei_check_digits_agree_with_iso_7064() -> None:
    rng = random.Random(17442)
    leis = [_lei(rng, valid=i % 2 == 0) for i in range(80)] + ["5493001KJTIIGC8Y1R12", "5493001KJTIIGC8Y1R17"]
    graph = rdflib.Graph()
    for i, lei in enumerate(leis):
        org = rdflib.URIRef(f"{ID}org/L{i}")
        graph.add((org, RDF.type, ORG.Organization))
        graph.add((org, SCHEMA.name, rdflib.Literal(f"Firm {i}")))
        graph.add((org, SCHEMA.leiCode, rdflib.Literal(lei)))
    flagged = {
        r.value.strip('"')
        for r in validate(graph).violations
        if r.source_constraint == "fgsh:Lei-checkDigits"
    }
    expected = {lei for lei in leis if not _lei_is_valid(lei)}
    assert len(expected) == 41
    assert flagged == expected


def _quads(graph: rdflib.Graph) -> list[object]:
    import pyoxigraph as ox

    return list(ox.parse(graph.serialize(format="nt"), ox.RdfFormat.N_TRIPLES))


@pytest.mark.parametrize("engine", ["compiled", "pyshacl"])
def test_pyoxigraph_triples_are_validated_as_their_rdflib_graph_is(engine: str) -> None:
    """An import hands its quads over as they are: same results, values quoted as written (1.5, 5.0)."""
    event = turtle("<event/E1> a fg:Layoff ; fg:organization <org/K1> ; fg:reportedIn <doc/D1> .")
    nameless = turtle("<org/K1> a org:Organization .")
    for data, context in [(BAD_EVENT, None), (event, nameless), (event + nameless, None)]:
        expected = validate(data, context=context, engine=engine)  # type: ignore[arg-type]
        got = validate(_quads(data), context=_quads(context) if context else None, engine=engine)  # type: ignore[arg-type]
        assert got.to_json() == expected.to_json()
    values = {r.value for r in validate(_quads(BAD_EVENT)).violations}
    assert {'"1.5"^^xsd:decimal', '"5.0"^^xsd:decimal'} <= values
