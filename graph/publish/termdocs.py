"""Documentation of a vocabulary (or a shapes graph) as plain data: terms with labels, definitions, links.

Built from the rdflib graph of the ontology (or the shapes) so that the HTML documentation and the
Turtle served beside it cannot drift apart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from firmgraph.graph.model.namespaces import DCTERMS, OWL, PREFIXES, RDF, RDFS, SH, SKOS

__all__ = ["Shape", "Term", "Vocabulary", "document_shapes", "document_vocabulary"]

_NAMESPACES = sorted(
    {**PREFIXES, "fgsh": "https://w3id.org/firmgraph/ns/shapes#"}.items(), key=lambda item: -len(item[1])
)


def curie(iri: str) -> str:
    for prefix, namespace in _NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


@dataclass
class Term:
    """One class, property or concept."""

    iri: str
    curie: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    links: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    """(relation, [(IRI, CURIE)]) such as ("subclass of", [...]), ("domain", [...])"""

    @property
    def anchor(self) -> str:
        return self.curie.replace(":", "-")


@dataclass
class Vocabulary:
    iri: str
    version_iri: str | None
    title: str
    description: str
    license: str | None
    sections: dict[str, list[Term]]

    @property
    def anchors(self) -> set[str]:
        """The anchors of the documented terms (links to them stay on the page)."""
        return {t.anchor for terms in self.sections.values() for t in terms}


def _text(graph: Graph, subject: URIRef, prop: URIRef) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in graph.objects(subject, prop):
        if isinstance(value, Literal):
            found.setdefault(value.language or "", str(value))
    return found


def _term(graph: Graph, iri: URIRef, kind: str, relations: tuple[tuple[str, URIRef], ...]) -> Term:
    term = Term(
        str(iri), curie(str(iri)), kind, _text(graph, iri, RDFS.label), _text(graph, iri, SKOS.definition)
    )
    if not term.labels:
        term.labels = _text(graph, iri, SKOS.prefLabel)
    for name, prop in relations:
        targets = sorted((str(o), curie(str(o))) for o in graph.objects(iri, prop) if isinstance(o, URIRef))
        if targets:
            term.links.append((name, targets))
    return term


_SECTIONS = (
    ("Classes", OWL.Class, (("subclass of", RDFS.subClassOf), ("disjoint with", OWL.disjointWith))),
    (
        "Object properties",
        OWL.ObjectProperty,
        (("subproperty of", RDFS.subPropertyOf), ("domain", RDFS.domain), ("range", RDFS.range)),
    ),
    (
        "Datatype properties",
        OWL.DatatypeProperty,
        (("subproperty of", RDFS.subPropertyOf), ("domain", RDFS.domain), ("range", RDFS.range)),
    ),
    ("Annotation properties", OWL.AnnotationProperty, ()),
    ("Datatypes", RDFS.Datatype, ()),
    ("Concept schemes", SKOS.ConceptScheme, ()),
    ("Concepts", SKOS.Concept, (("in scheme", SKOS.inScheme), ("broader", SKOS.broader))),
)


def document_vocabulary(graph: Graph, iri: str, *, own: str) -> Vocabulary:
    """The vocabulary's own terms (those whose IRI starts with `own`), section by section."""
    subject = URIRef(iri)
    sections: dict[str, list[Term]] = {}
    for title, cls, relations in _SECTIONS:
        terms = [
            _term(graph, s, title, relations)
            for s in set(graph.subjects(RDF.type, cls))
            if isinstance(s, URIRef) and str(s).startswith(own)
        ]
        if terms:
            sections[title] = sorted(terms, key=lambda t: t.curie.lower())
    versions = [str(v) for v in graph.objects(subject, OWL.versionIRI)]
    titles = _text(graph, subject, DCTERMS.title)
    descriptions = _text(graph, subject, DCTERMS.description)
    licenses = [str(v) for v in graph.objects(subject, DCTERMS.license)]
    return Vocabulary(
        iri,
        versions[0] if versions else None,
        titles.get("en", iri),
        descriptions.get("en", ""),
        licenses[0] if licenses else None,
        sections,
    )


@dataclass
class Shape:
    """One node shape: what it targets and what it requires of each property."""

    iri: str
    curie: str
    targets: list[str]
    messages: dict[str, str]
    properties: list[dict[str, str]]

    @property
    def anchor(self) -> str:
        return self.curie.replace(":", "-")


def _path(graph: Graph, node: object) -> str:
    if isinstance(node, URIRef):
        return curie(str(node))
    if isinstance(node, BNode):
        inverse = graph.value(node, SH.inversePath)
        if inverse is not None:
            return "^" + _path(graph, inverse)
        if graph.value(node, RDF.first) is not None:
            return "/".join(_path(graph, item) for item in Collection(graph, node))
    return str(node)


def document_shapes(graph: Graph) -> list[Shape]:
    """Every node shape with its targets, messages and property constraints."""
    shapes = []
    node_shapes = set(graph.subjects(RDF.type, SH.NodeShape))
    for shape in sorted((s for s in node_shapes if isinstance(s, URIRef)), key=str):
        targets = [curie(str(t)) for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
                   for t in graph.objects(shape, p)]  # fmt: skip
        properties: list[dict[str, str]] = []
        for prop in graph.objects(shape, SH.property):
            row: dict[str, str] = defaultdict(str)
            row["path"] = _path(graph, graph.value(prop, SH.path))
            for name in ("minCount", "maxCount", "datatype", "class", "pattern", "nodeKind", "minInclusive",
                         "maxInclusive"):  # fmt: skip
                value = graph.value(prop, SH[name])
                if value is not None:
                    row[name] = curie(str(value)) if isinstance(value, URIRef) else str(value)
            message = _text(graph, prop, SH.message)
            row["message"] = message.get("en", next(iter(message.values()), ""))
            properties.append(dict(row))
        shapes.append(
            Shape(
                str(shape),
                curie(str(shape)),
                targets,
                _text(graph, shape, SH.message),
                sorted(properties, key=lambda r: r["path"]),
            )
        )
    return shapes
