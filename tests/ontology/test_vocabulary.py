"""The packaged vocabulary: it parses alike in rdflib and pyoxigraph, the loader finds it, and it
declares every term the data-model page uses, with exactly the concepts the page lists."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from firmgraph import ontology
from tests.ontology.model_page import CONCEPT_SCHEMES, PREFIXES

FG = PREFIXES["fg"]
MAPPINGS = {SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch}


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return ontology.load()


def declared(graph: Graph, iri: str) -> bool:
    return (URIRef(iri), RDF.type, None) in graph


def test_files() -> None:
    assert ontology.files() == ["alignments.ttl", "concepts.ttl", "firmgraph.ttl"]


@pytest.mark.parametrize("name", ontology.files())
def test_parses_alike_with_rdflib_and_pyoxigraph(name: str) -> None:
    text = ontology.read(name)
    by_rdflib = Graph().parse(data=text, format="turtle")
    by_oxigraph = list(ox.parse(text, ox.RdfFormat.TURTLE))
    assert len(by_rdflib) == len(set(by_oxigraph)) > 10


def test_core_files_state_each_triple_once() -> None:
    """The store refreshes its ontology graph whenever its triple count differs from the files'; a
    triple stated twice (in one file or in both) counts twice there and once in the store, forever."""
    quads = list(ox.parse("\n".join(ontology.read(name) for name in ontology.CORE), ox.RdfFormat.TURTLE))
    assert len(quads) == len(set(quads))


def test_version(vocabulary: Graph) -> None:
    iri = URIRef(ontology.ONTOLOGY_IRI)
    assert (iri, RDF.type, OWL.Ontology) in vocabulary
    assert vocabulary.value(iri, OWL.versionIRI) == URIRef(ontology.VERSION_IRI)
    assert vocabulary.value(iri, OWL.versionInfo) == Literal(ontology.VERSION)


def test_load(vocabulary: Graph) -> None:
    assert vocabulary.identifier == URIRef(ontology.ONTOLOGY_IRI)
    with_alignments = ontology.load(alignments=True)
    assert len(with_alignments) > len(vocabulary)
    assert not any(p in MAPPINGS for p in vocabulary.predicates())


def test_read_unknown_file() -> None:
    with pytest.raises(FileNotFoundError):
        ontology.read("nothing.ttl")


def test_alignments_only_map_declared_terms(vocabulary: Graph) -> None:
    alignments = Graph().parse(data=ontology.read(ontology.ALIGNMENTS), format="turtle")
    assert len(alignments) >= 10
    for s, p, _ in alignments:
        assert p in MAPPINGS, f"{p} is not a SKOS mapping property"
        assert declared(vocabulary, str(s)), f"{s} is mapped but not declared"


def test_model_fg_terms_are_declared(vocabulary: Graph, model_example: str, model_text: str) -> None:
    example_terms = set(re.findall(r"\bfg:([A-Za-z][A-Za-z0-9_]*)", model_example))
    assert len(example_terms) >= 25, sorted(example_terms)
    page_terms = set(re.findall(r"`fg:([A-Za-z][A-Za-z0-9_]*)`", model_text))
    missing = sorted(t for t in example_terms | page_terms if not declared(vocabulary, FG + t))
    assert missing == [], f"fg: terms used in docs/model.md but not declared: {missing}"


def test_model_example_terms_are_declared(vocabulary: Graph, model_example_graph: Graph) -> None:
    """Every property and class the example uses, from any vocabulary, is declared (or a concept)."""
    used = set(model_example_graph.predicates()) | set(model_example_graph.objects(None, RDF.type))
    used |= {o for o in model_example_graph.objects() if isinstance(o, URIRef) and "/ns/" in str(o)}
    used -= {RDF.type}
    missing = sorted(str(t) for t in used if not declared(vocabulary, str(t)))
    assert missing == [], f"terms of the worked example not declared in the ontology: {missing}"


def test_concept_schemes_match_the_model_page(vocabulary: Graph, model_text: str) -> None:
    listed = {
        scheme: {name.strip() for name in names.split(",")}
        for scheme, names in re.findall(r"`(\w+):` \(([^)]*)\)", model_text)
    }
    assert set(listed) == set(CONCEPT_SCHEMES)
    for scheme, names in listed.items():
        namespace = PREFIXES[scheme]
        members = {
            str(c).removeprefix(namespace) for c in vocabulary.subjects(SKOS.inScheme, URIRef(namespace))
        }
        assert members == names, (
            f"{scheme}: only in ontology {members - names}, only on the page {names - members}"
        )


def test_concept_notation_is_its_local_name(vocabulary: Graph) -> None:
    concepts = set(vocabulary.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 60
    for concept in concepts:
        assert vocabulary.value(concept, SKOS.notation) == Literal(str(concept).rsplit("/", 1)[-1])


def test_role_concepts_are_org_roles(vocabulary: Graph) -> None:
    roles = set(vocabulary.subjects(SKOS.inScheme, URIRef(PREFIXES["role"])))
    assert roles and all((r, RDF.type, URIRef("http://www.w3.org/ns/org#Role")) in vocabulary for r in roles)
