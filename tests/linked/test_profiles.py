"""The data behind the pages and the RDF descriptions: bounded descriptions, profiles, comparisons."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from firmgraph.graph.errors import NotFoundError
from firmgraph.graph.model.namespaces import FG, OA, SCHEMA
from firmgraph.graph.profiles.describe import describe
from firmgraph.graph.profiles.facts import Fact, Ref, Source, Value
from firmgraph.graph.profiles.kinds import profile
from firmgraph.graph.profiles.reports import EventReport, compare
from firmgraph.graph.sparql.results import select
from firmgraph.graph.store import Store, open_store
from tests.linked.conftest import BASE


@pytest.fixture(scope="module")
def store(linked_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    copy = tmp_path_factory.mktemp("profiles") / "store"
    shutil.copytree(linked_store, copy)
    with open_store(str(copy)) as opened:
        yield opened


def first(store: Store, sparql: str) -> str:
    rows = select(store, sparql)
    assert rows, sparql
    return rows[0]["x"].value


def test_a_description_holds_the_entity_its_figures_their_evidence_and_neighbour_labels(store: Store) -> None:
    event = first(store, "SELECT ?x WHERE { ?x fg:jobsCut ?n ; fg:figure ?f . ?a oa:hasBody ?f } LIMIT 1")
    description = describe(store, event)
    subjects = {q.subject for q in description.quads}
    assert ox.NamedNode(event) in subjects
    assert any(isinstance(s, ox.NamedNode) and s.value.startswith(event + "#") for s in subjects)
    exact = [q for q in description.quads if q.predicate == ox.NamedNode(str(OA.exact))]
    assert exact, "the quoted sentence of the evidence is part of the description"
    (firm,) = [
        q.object
        for q in description.quads
        if q.subject == ox.NamedNode(event) and q.predicate.value == str(FG.organization)
    ]
    assert any(q.subject == firm and q.predicate.value == str(SCHEMA.name) for q in description.quads)
    # each triple once, the entity's own statements first
    triples = description.triples()
    assert len(triples) == len(set(triples)) and triples[0].subject == ox.NamedNode(event)
    # every statement is one the store holds, in the graph it names
    held = set(store.quads())
    assert all(quad in held for quad in description.quads)


def test_limits_mark_a_description_truncated(store: Store) -> None:
    firm = first(
        store,
        "SELECT ?x (COUNT(*) AS ?n) WHERE { ?s ?p ?x ; a ?t FILTER(isIRI(?x)) } GROUP BY ?x ORDER BY DESC(?n) LIMIT 1",
    )
    assert describe(store, firm, incoming_limit=1).truncated
    assert not describe(store, firm).truncated


def test_unknown_entities_are_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        describe(store, BASE + "id/org/nothing")
    with pytest.raises(NotFoundError):
        profile(store, BASE + "id/org/nothing", BASE)


@pytest.mark.parametrize("kind", ["org", "person", "event", "doc", "filing"])
def test_every_kind_has_its_profile_sections(store: Store, kind: str) -> None:
    iri = first(
        store,
        f'SELECT ?x WHERE {{ ?x a ?t FILTER(STRSTARTS(STR(?x), "{BASE}id/{kind}/") && !CONTAINS(STR(?x), "#")) }} LIMIT 1',
    )
    page = profile(store, iri, BASE)
    assert page.kind == kind and page.title and page.facts
    expected = {
        "org": {"identifiers", "parents", "units", "people", "events", "comparisons", "filings", "related"},
        "person": {"roles", "quotes", "events"},
        "event": {"report", "firm", "comparisons"},
        "doc": {"source", "events", "evidence", "quotes"},
        "filing": {"events"},
    }[kind]
    assert expected <= set(page.sections)


def report(event: str, doc: str, day: str, jobs: str) -> EventReport:
    fact = Fact(Ref(str(FG.jobsCut), "jobs cut"), [Value(jobs)])
    return EventReport(Ref(event, event), "layoff", Source(doc, doc, day), day, [fact])


def test_reports_of_one_wave_from_two_sources_are_compared_and_conflicts_marked() -> None:
    (agree,) = compare([report("e1", "a", "2026-01-05", "1,000"), report("e2", "b", "2026-01-20", "1,000")])
    assert [conflict for _, _, conflict in agree.rows] == [False]
    (differ,) = compare([report("e1", "a", "2026-01-05", "1,000"), report("e2", "b", "2026-01-20", "1,200")])
    assert [conflict for _, _, conflict in differ.rows] == [True]
    assert [c.values[0].text for c in differ.rows[0][1] if c] == ["1,000", "1,200"]


def test_one_source_or_distant_dates_are_not_compared() -> None:
    assert compare([report("e1", "a", "2026-01-05", "1"), report("e2", "a", "2026-01-06", "2")]) == []
    assert compare([report("e1", "a", "2026-01-05", "1"), report("e2", "b", "2026-06-01", "2")]) == []
