"""The shapes graph itself: well-formed SHACL, bilingual messages, in step with the ontology."""

from __future__ import annotations

import pyshacl
import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS

from firmgraph import ontology, shapes
from firmgraph.graph.model.namespaces import CHANNEL, METHOD, REASON, ROLE, SCOPE, STATUS

SHAPES_SELECT = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT DISTINCT ?shape WHERE {
    { ?shape a sh:NodeShape } UNION { ?shape a sh:PropertyShape } UNION { ?shape a sh:SPARQLConstraint }
    UNION { ?any sh:property ?shape } UNION { ?any sh:sparql ?shape }
    UNION { ?shape sh:targetClass|sh:targetSubjectsOf|sh:targetObjectsOf|sh:targetNode ?target }
}
"""
MESSAGES_MISSING = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?shape ?lang (COUNT(?message) AS ?count) WHERE {
    VALUES ?lang { "en" "de" }
    ?shape a ?kind .
    VALUES ?kind { sh:NodeShape sh:PropertyShape sh:SPARQLConstraint }
    OPTIONAL { ?shape sh:message ?message FILTER (LANG(?message) = ?lang) }
}
GROUP BY ?shape ?lang
HAVING (COUNT(?message) != 1)
"""
SCHEMES = {
    "fgsh:Event-reason": REASON,
    "fgsh:Event-method": METHOD,
    "fgsh:Event-status": STATUS,
    "fgsh:Event-announcedVia": CHANNEL,
    "fgsh:Announcement-channel": CHANNEL,
    "fgsh:Membership-role": ROLE,
    "fgsh:Figure-scope": SCOPE,
}


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return shapes.load()


def test_load_reads_both_files_or_just_the_violations(graph: rdflib.Graph) -> None:
    strict = shapes.load(warnings=False)
    warning_shapes = set(graph.subjects(SH.severity, SH.Warning))
    assert warning_shapes, "warnings.ttl holds the warning shapes"
    assert not warning_shapes & set(strict.subjects(SH.severity, SH.Warning))
    assert len(strict) < len(graph)


def test_the_shapes_are_well_formed_shacl(graph: rdflib.Graph) -> None:
    conforms, _, text = pyshacl.validate(rdflib.Graph(), shacl_graph=graph, meta_shacl=True)
    assert conforms, text


def test_a_malformed_shape_is_caught_by_the_meta_check(graph: rdflib.Graph) -> None:
    broken = rdflib.Graph()
    broken += graph
    broken.add((shapes.SHAPES["Event-jobsCut"], SH.minCount, rdflib.Literal("one")))
    with pytest.raises(pyshacl.errors.ReportableRuntimeError):
        pyshacl.validate(rdflib.Graph(), shacl_graph=broken, meta_shacl=True)


def test_every_shape_is_named_and_declared_with_its_kind(graph: rdflib.Graph) -> None:
    """Named, so that a result names its shape; declared, so that the message check sees it."""
    kinds = {SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint}
    found = [row.shape for row in graph.query(SHAPES_SELECT)]
    assert len(found) > 100
    assert all(isinstance(s, rdflib.URIRef) for s in found)
    assert not [s for s in found if not kinds & set(graph.objects(s, RDF.type))]


def test_every_shape_speaks_english_and_german_once(graph: rdflib.Graph) -> None:
    rows = [
        f"{r.shape.n3(graph.namespace_manager)} @{r.lang}: {r.count}" for r in graph.query(MESSAGES_MISSING)
    ]
    assert not rows, rows


def test_the_message_check_notices_a_missing_language(graph: rdflib.Graph) -> None:
    partial = rdflib.Graph()
    partial += graph
    partial.remove((shapes.SHAPES["Event-jobsCut"], SH.message, None))
    partial.add((shapes.SHAPES["Event-jobsCut"], SH.message, rdflib.Literal("only English", lang="en")))
    rows = list(partial.query(MESSAGES_MISSING))
    assert [(str(r.shape), str(r.lang)) for r in rows] == [(str(shapes.SHAPES["Event-jobsCut"]), "de")]


@pytest.mark.parametrize("shape", sorted(SCHEMES))
def test_concept_lists_match_the_schemes(graph: rdflib.Graph, shape: str) -> None:
    scheme = rdflib.URIRef(str(SCHEMES[shape]))
    listed = set(Collection(graph, graph.value(graph.namespace_manager.expand_curie(shape), SH["in"])))
    in_scheme = set(ontology.load().subjects(SKOS.inScheme, scheme))
    assert in_scheme, f"the ontology has no concepts in {scheme}"
    assert listed == in_scheme


def test_every_term_the_shapes_check_is_in_the_ontology(graph: rdflib.Graph) -> None:
    used: set[rdflib.URIRef] = set()
    for parameter in (
        SH.path,
        SH.targetClass,
        SH["class"],
        SH.targetSubjectsOf,
        SH.lessThanOrEquals,
        SH.hasValue,
    ):
        used |= {o for o in graph.objects(None, parameter) if isinstance(o, rdflib.URIRef)}
    for values in graph.objects(None, SH["in"]):
        used |= set(Collection(graph, values))
    assert len(used) > 100
    vocabulary = ontology.load()
    core = (str(RDF), str(RDFS))
    missing = sorted(
        str(u) for u in used if not str(u).startswith(core) and (u, None, None) not in vocabulary
    )
    assert not missing
