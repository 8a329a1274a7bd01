"""Consistency under a real OWL 2 RL reasoner (owlrl): sample data and the data-model example raise no
inconsistency and give the expected entailments; broken data is caught."""

from __future__ import annotations

import owlrl
import pytest
from rdflib import OWL, RDF, Graph, Namespace, URIRef
from rdflib.namespace import SKOS

from firmgraph import ontology

# owlrl reports inconsistencies as `[] a err:ErrorMessage ; err:error "..."` in the closure.
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
FG = Namespace("https://w3id.org/firmgraph/ns#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
EX = Namespace("https://w3id.org/firmgraph/id/")

PROLOGUE = """
@prefix fg: <https://w3id.org/firmgraph/ns#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix reason: <https://w3id.org/firmgraph/ns/reason/> .
@prefix method: <https://w3id.org/firmgraph/ns/method/> .
@prefix channel: <https://w3id.org/firmgraph/ns/channel/> .
@prefix status: <https://w3id.org/firmgraph/ns/status/> .
@prefix scope: <https://w3id.org/firmgraph/ns/scope/> .
@prefix role: <https://w3id.org/firmgraph/ns/role/> .
@prefix ex: <https://w3id.org/firmgraph/id/> .
"""

SAMPLE = """
ex:K1 a org:FormalOrganization ; schema:name "Zalando" ; fg:nameKey "zalando" ; fg:cik "0001234567" .
ex:K2 schema:name "SEC" .
ex:K3 a fg:NewsOutlet ; schema:name "Handelsblatt" .
ex:K5 a org:OrganizationalUnit ; schema:name "Zalando Lounge" ; org:unitOf ex:K1 .
ex:P1 a schema:Person ; schema:name "Robert Gentz" ; org:headOf ex:K1 .
ex:P2 a schema:Person ; schema:name "Anna Beispiel" .
ex:M1 a org:Membership ; org:member ex:P2 ; org:organization ex:K1 ; org:role role:Spokesperson ;
    fg:roleText "Unternehmenssprecherin"@de .
ex:D1 a schema:NewsArticle ; schema:headline "Zalando streicht Stellen" ; fg:sha256 "ab12" .

ex:E1 a fg:Layoff ;
    fg:organization ex:K1 ; fg:reportedIn ex:D1 ;
    fg:jobsCut 450 ; fg:workforceShare 0.03 ; fg:headcountBefore 15000 ;
    fg:costMin 20000000 ; fg:costMax 30000000.5 ; fg:currency "EUR" ;
    fg:announced "2026-03"^^xsd:gYearMonth ; fg:effectiveBy "2026"^^xsd:gYear ;
    fg:reason reason:ai , reason:efficiency ; fg:method method:severance ; fg:status status:announced ;
    fg:announcedVia channel:memo ; fg:announcement ex:A1 ;
    fg:affectedUnit ex:K5 ; fg:spokesperson ex:P2 ; fg:filing ex:F1 ;
    fg:partOf ex:E2 ; fg:previousEvent ex:E0 ;
    fg:figure ex:G1 .
ex:E0 a fg:AttritionReduction ; fg:organization ex:K1 .
ex:E2 a fg:RestructuringPlan ; fg:organization ex:K1 ; fg:aggregateOf ex:E0 .
ex:G1 a fg:Figure ; fg:measure fg:jobsCut ; schema:value 450 ; fg:approximate true ; fg:scope scope:corporate .
ex:F1 a fg:SECForm8K ; fg:filer ex:K1 ; fg:regulator ex:K2 ; fg:form "8-K" ; fg:item "2.05" .
ex:A1 a fg:Announcement ; fg:channel channel:memo ; fg:outlet ex:K3 .
ex:Q1 a schema:Quotation ; schema:text "Wir müssen effizienter werden." ; schema:spokenByCharacter ex:P2 ;
    fg:outlet ex:K3 ; schema:isPartOf ex:D1 .
"""


def closure(*turtle: str) -> Graph:
    """The vocabulary plus the given data, expanded to its OWL 2 RL closure."""
    graph = ontology.load()
    for text in turtle:
        graph.parse(data=PROLOGUE + text, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def problems(graph: Graph) -> list[str]:
    """owlrl's inconsistency messages, and any member of owl:Nothing."""
    messages = [str(graph.value(m, ERR.error)) for m in graph.subjects(RDF.type, ERR.ErrorMessage)]
    return messages + [f"{s} is a member of owl:Nothing" for s in graph.subjects(RDF.type, OWL.Nothing)]


@pytest.fixture(scope="module")
def sample() -> Graph:
    return closure(SAMPLE)


def test_sample_is_consistent(sample: Graph) -> None:
    assert problems(sample) == []


@pytest.mark.parametrize(
    ("subject", "predicate", "obj"),
    [
        (EX.E1, RDF.type, FG.WorkforceReduction),
        (EX.E1, RDF.type, FG.RestructuringEvent),
        (EX.E0, RDF.type, FG.RestructuringEvent),
        (EX.F1, RDF.type, FG.Filing),
        (EX.G1, RDF.type, SCHEMA.QuantitativeValue),
        (EX.K2, RDF.type, FG.Regulator),  # range of fg:regulator
        (EX.K2, RDF.type, ORG.Organization),
        (EX.K3, RDF.type, ORG.Organization),
        (EX.D1, RDF.type, SCHEMA.CreativeWork),  # range of fg:reportedIn
        (EX.K5, ORG.subOrganizationOf, EX.K1),  # org:unitOf ⊑ org:subOrganizationOf
        (EX.P1, ORG.memberOf, EX.K1),  # org:headOf ⊑ org:memberOf
        (URIRef("https://w3id.org/firmgraph/ns/role/Spokesperson"), RDF.type, SKOS.Concept),
    ],
    ids=lambda term: str(term).rsplit("/", 1)[-1].rsplit("#", 1)[-1],
)
def test_expected_entailment(sample: Graph, subject: URIRef, predicate: URIRef, obj: URIRef) -> None:
    assert (subject, predicate, obj) in sample


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ("ex:E1 a fg:HiringFreeze .", "Disjoint classes"),
        ("ex:E9 fg:organization ex:E2 .", "Disjoint classes"),
        ("ex:E9 fg:partOf ex:E8 . ex:E8 fg:partOf ex:E9 .", "asymmetric property"),
        ('ex:E9 fg:jobsCut "many"^^xsd:integer .', "does not match its datatype"),
    ],
    ids=["layoff-and-hiring-freeze", "event-as-organization", "part-of-cycle", "ill-formed-integer"],
)
def test_inconsistency_is_detected(broken: str, expected: str) -> None:
    found = problems(closure(SAMPLE, broken))
    assert any(expected in message for message in found), found


def test_model_example_is_consistent(model_example_graph: Graph) -> None:
    graph = ontology.load() + model_example_graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert problems(graph) == []
    layoff = URIRef("https://w3id.org/firmgraph/id/event/E1")
    assert (layoff, RDF.type, FG.RestructuringEvent) in graph
