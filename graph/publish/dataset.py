"""The dataset description: VoID and a DCAT catalogue in one graph, built from the store's own counts.

One dataset (`{base}dataset`) is both a `void:Dataset` and a `dcat:Dataset`; its subsets are the
curated entities, the ontology, the source graphs (as one subset) and the linksets (`schema:sameAs`
to Wikidata, vetted `owl:sameAs`). Every dataset, distribution (one per dump format) and the SPARQL
data service carry the licence. Counts come from the store at the time of the request.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pyoxigraph as ox

from firmgraph import ontology
from firmgraph.graph.model.iris import entities_graph_iri, linkset_graph_iri
from firmgraph.graph.model.namespaces import DCAT, OWL, PREFIXES, RDF, SCHEMA, VOID, XSD
from firmgraph.graph.publish.export import FORMATS, dump_name
from firmgraph.graph.sparql.results import select
from firmgraph.graph.store import Queryable
from firmgraph.graph.version import __version__

__all__ = ["Endpoints", "dataset_iri", "describe_dataset"]

DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
WIKIDATA = "http://www.wikidata.org/entity/"
GZIP = "https://www.iana.org/assignments/media-types/application/gzip"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class Endpoints:
    """Where this server publishes things (absolute URLs, ending without a slash)."""

    server: str

    @property
    def sparql(self) -> str:
        return f"{self.server}/sparql"

    def dump(self, name: str) -> str:
        return f"{self.server}/exports/{name}"


def dataset_iri(base: str) -> str:
    return f"{base}dataset"


class _Graph:
    """A tiny triple builder: IRIs as str, literals as ox.Literal."""

    def __init__(self) -> None:
        self.triples: list[ox.Triple] = []

    def add(self, s: str, p: str, o: str | ox.Literal | int) -> None:
        if isinstance(o, bool) or not isinstance(o, str | ox.Literal | int):
            raise TypeError(o)
        obj: ox.Literal | ox.NamedNode
        if isinstance(o, int):
            obj = ox.Literal(str(o), datatype=ox.NamedNode(str(XSD.integer)))
        elif isinstance(o, str):
            obj = ox.NamedNode(o)
        else:
            obj = o
        self.triples.append(ox.Triple(ox.NamedNode(s), ox.NamedNode(p), obj))


def _count(store: Queryable, where: str) -> int:
    rows = select(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(rows[0]["n"].value) if rows else 0


def _partitions(store: Queryable) -> Iterator[tuple[str, int]]:
    for row in select(
        store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c"
    ):
        if isinstance(row.get("c"), ox.NamedNode):
            yield row["c"].value, int(row["n"].value)


def _vocabularies(store: Queryable) -> list[str]:
    """The known namespaces whose terms the data uses as predicates or classes."""
    used = {r["p"].value for r in select(store, "SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}
    used |= {r["c"].value for r in select(store, "SELECT DISTINCT ?c WHERE { ?s a ?c }") if "c" in r}
    known = {ns for ns in PREFIXES.values() if any(iri.startswith(ns) for iri in used)}
    return sorted(known)


def describe_dataset(store: Queryable, base: str, license: str, endpoints: Endpoints) -> list[ox.Triple]:
    """VoID and DCAT for the store, as triples."""
    g = _Graph()
    d = dataset_iri(base)
    catalog = f"{base}catalog"
    service = f"{base}sparql-service"
    lit = ox.Literal
    now = lit(datetime.now(UTC).date().isoformat(), datatype=ox.NamedNode(str(XSD.date)))

    g.add(catalog, str(RDF.type), str(DCAT.Catalog))
    g.add(catalog, DCTERMS + "title", lit("firmgraph catalogue", language="en"))
    g.add(catalog, DCTERMS + "license", license)
    g.add(catalog, str(DCAT.dataset), d)
    g.add(catalog, str(DCAT.service), service)
    g.add(catalog, DCTERMS + "modified", now)

    g.add(d, str(RDF.type), str(VOID.Dataset))
    g.add(d, str(RDF.type), str(DCAT.Dataset))
    g.add(d, DCTERMS + "title", lit("firmgraph: firms, people and restructuring events", language="en"))
    g.add(
        d,
        DCTERMS + "description",
        lit(
            "Firms, their units and people, and restructuring events (job cuts, hiring freezes) with "
            "every figure tied to the sentence and source it was read from.",
            language="en",
        ),
    )
    g.add(d, DCTERMS + "license", license)
    g.add(d, DCTERMS + "modified", now)
    g.add(d, str(OWL.versionInfo), lit(__version__))
    g.add(d, str(VOID.sparqlEndpoint), endpoints.sparql)
    g.add(d, str(VOID.uriSpace), lit(f"{base}id/"))
    g.add(d, str(VOID.feature), "http://www.w3.org/ns/formats/N-Quads")
    g.add(d, str(VOID.feature), "http://www.w3.org/ns/formats/Turtle")
    g.add(d, str(VOID.feature), "http://www.w3.org/ns/formats/JSON-LD")
    g.add(d, str(VOID.triples), store.count())
    g.add(d, str(VOID.entities), _count(store, f"?s a ?c FILTER(STRSTARTS(STR(?s), {lit(base + 'id/')}))"))
    g.add(d, str(VOID.distinctSubjects), _count(store, "SELECT DISTINCT ?s WHERE { ?s ?p ?o }"))
    g.add(d, str(VOID.properties), _count(store, "SELECT DISTINCT ?p WHERE { ?s ?p ?o }"))
    for vocabulary in _vocabularies(store):
        g.add(d, str(VOID.vocabulary), vocabulary)
    g.add(d, DCTERMS + "conformsTo", ontology.VERSION_IRI)
    for cls, n in _partitions(store):
        part = f"{d}/class/{_slug(cls)}"
        g.add(d, str(VOID.classPartition), part)
        g.add(part, str(VOID["class"]), cls)
        g.add(part, str(VOID.entities), n)

    # distributions: one per dump format, all under the same licence
    for fmt in FORMATS.values():
        for compressed in (False, True):
            name = dump_name(fmt, compressed=compressed)
            dist = f"{d}/distribution/{name}"
            url = endpoints.dump(name)
            g.add(d, str(VOID.dataDump), url)
            g.add(d, str(DCAT.distribution), dist)
            g.add(dist, str(RDF.type), str(DCAT.Distribution))
            g.add(dist, DCTERMS + "title", lit(f"{fmt.label} dump" + (" (gzip)" if compressed else "")))
            g.add(dist, DCTERMS + "license", license)
            g.add(dist, str(DCAT.downloadURL), url)
            g.add(dist, str(DCAT.accessURL), url)
            g.add(dist, str(DCAT.mediaType), MEDIA_TYPES + fmt.media_type)
            if compressed:
                g.add(dist, str(DCAT.compressFormat), GZIP)
    sparql_dist = f"{d}/distribution/sparql"
    g.add(d, str(DCAT.distribution), sparql_dist)
    g.add(sparql_dist, str(RDF.type), str(DCAT.Distribution))
    g.add(sparql_dist, DCTERMS + "title", lit("SPARQL 1.1 endpoint"))
    g.add(sparql_dist, DCTERMS + "license", license)
    g.add(sparql_dist, str(DCAT.accessURL), endpoints.sparql)
    g.add(sparql_dist, str(DCAT.accessService), service)

    g.add(service, str(RDF.type), str(DCAT.DataService))
    g.add(service, DCTERMS + "title", lit("firmgraph SPARQL endpoint"))
    g.add(service, DCTERMS + "license", license)
    g.add(service, str(DCAT.endpointURL), endpoints.sparql)
    g.add(service, DCTERMS + "conformsTo", "https://www.w3.org/TR/sparql11-protocol/")
    g.add(service, str(DCAT.servesDataset), d)

    _subsets(g, store, base, d, license)
    return g.triples


def _subsets(g: _Graph, store: Queryable, base: str, d: str, license: str) -> None:
    """Entities, ontology and sources as subsets; the two linksets."""
    graphs = set(store.named_graphs())
    for name, graph, title in (
        ("entities", entities_graph_iri(base), "Curated entities"),
        ("ontology", ontology.ONTOLOGY_IRI, "The firmgraph vocabulary"),
    ):
        if graph not in graphs:
            continue
        subset = f"{d}/{name}"
        g.add(d, str(VOID.subset), subset)
        g.add(subset, str(RDF.type), str(VOID.Dataset))
        g.add(subset, DCTERMS + "title", ox.Literal(title, language="en"))
        g.add(subset, DCTERMS + "license", license)
        g.add(subset, "http://www.w3.org/ns/sparql-service-description#name", graph)
        g.add(subset, str(VOID.triples), store.count(graph))
    sources = f"{d}/sources"
    g.add(d, str(VOID.subset), sources)
    g.add(sources, str(RDF.type), str(VOID.Dataset))
    g.add(sources, DCTERMS + "title", ox.Literal("One graph per source document", language="en"))
    g.add(sources, DCTERMS + "license", license)
    g.add(sources, str(VOID.uriSpace), ox.Literal(f"{base}graph/doc/"))
    g.add(sources, str(VOID.triples), _count(store, f"GRAPH ?g {{ ?s ?p ?o }} {_doc_graphs(base)}"))

    wikidata = f"{d}/linkset/wikidata"
    g.add(d, str(VOID.subset), wikidata)
    g.add(wikidata, str(RDF.type), str(VOID.Linkset))
    g.add(wikidata, DCTERMS + "license", license)
    g.add(wikidata, str(VOID.linkPredicate), str(SCHEMA.sameAs))
    g.add(wikidata, str(VOID.subjectsTarget), d)
    g.add(wikidata, str(VOID.objectsTarget), "http://www.wikidata.org/")
    g.add(
        wikidata,
        str(VOID.triples),
        _count(store, f"?s schema:sameAs ?o FILTER(STRSTARTS(STR(?o), {ox.Literal(WIKIDATA)}))"),
    )
    linkset = f"{d}/linkset/sameas"
    g.add(d, str(VOID.subset), linkset)
    g.add(linkset, str(RDF.type), str(VOID.Linkset))
    g.add(linkset, DCTERMS + "license", license)
    g.add(linkset, str(VOID.linkPredicate), str(OWL.sameAs))
    g.add(linkset, str(VOID.subjectsTarget), d)
    g.add(linkset, "http://www.w3.org/ns/sparql-service-description#name", linkset_graph_iri(base))
    g.add(linkset, str(VOID.triples), _count(store, "?s owl:sameAs ?o"))


def _doc_graphs(base: str) -> str:
    return f"FILTER(STRSTARTS(STR(?g), {ox.Literal(base + 'graph/doc/')}))"


def _slug(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}-{iri[len(namespace) :]}"
    return "".join(c if c.isalnum() else "-" for c in iri)[-60:]
