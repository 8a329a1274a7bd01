"""The vocabulary, the shapes, the JSON-LD context, dumps and the dataset description, over a real server."""

from __future__ import annotations

import gzip
import json
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from firmgraph import ontology
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.model.iris import entities_graph_iri
from firmgraph.graph.publish.export import FORMATS, dump_name
from firmgraph.graph.publish.jsonld import CONTEXT_IRI, context
from firmgraph.graph.settings import Settings
from tests.conftest import SAMPLES
from tests.http.conftest import Server, start_server, stop_server
from tests.linked.conftest import BASE, client, path_of
from tests.linked.graphs import assert_same_dataset

OWL_VERSION_IRI = "http://www.w3.org/2002/07/owl#versionIRI"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SH = "http://www.w3.org/ns/shacl#"


def store_of(data: bytes, fmt: ox.RdfFormat) -> ox.Store:
    store = ox.Store()
    store.load(data, format=fmt)
    return store


@pytest.mark.parametrize(
    "path", ["/ontology", "/ns", f"/ns/{ontology.VERSION}", f"/ontology/{ontology.VERSION}"]
)
@pytest.mark.parametrize("accept", ["text/turtle", "application/rdf+xml", "application/n-triples"])
def test_the_ontology_and_its_version_iri_resolve_as_rdf(ld_server: Server, path: str, accept: str) -> None:
    with client(ld_server) as http:
        response = http.get(path, headers={"Accept": accept})
    assert response.status_code == 200 and "accept" in response.headers["vary"].lower()
    fmt = ox.RdfFormat.from_media_type(response.headers["content-type"].split(";")[0])
    store = store_of(response.content, fmt)  # type: ignore[arg-type]
    assert list(
        store.quads_for_pattern(ox.NamedNode(ontology.ONTOLOGY_IRI), ox.NamedNode(OWL_VERSION_IRI), None)
    )
    expected = len(ontology.load())
    assert len(store) == expected


def test_the_ontology_as_json_ld_expands_to_the_same_graph(ld_server: Server) -> None:
    from tests.linked.test_roundtrip import jsonld_quads

    with client(ld_server) as http:
        response = http.get("/ontology", headers={"Accept": "application/ld+json"})
    quads = jsonld_quads(response.content)
    assert len(quads) == len(ontology.load())


def test_the_ontology_page_documents_every_term(ld_server: Server) -> None:
    with client(ld_server) as http:
        page = http.get("/ontology", headers={"Accept": "text/html"})
        missing = http.get("/ns/9.9.9", headers={"Accept": "text/turtle"})
        concept = http.get("/ns/reason/does-not-exist")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    graph = ontology.load()
    terms = {str(s) for s in graph.subjects() if str(s).startswith(ontology.ONTOLOGY_IRI + "#")}
    assert terms and all(f"<code>{t}</code>" in page.text for t in terms)
    assert ontology.VERSION_IRI in page.text and CONTEXT_IRI in page.text
    assert missing.status_code == 404 and concept.status_code == 404


def test_concepts_and_schemes_redirect_to_their_documentation(ld_server: Server) -> None:
    graph = ontology.load()
    skos = "http://www.w3.org/2004/02/skos/core#"
    concept = str(next(graph.subjects(URIRef(RDF_TYPE), URIRef(skos + "Concept"))))
    scheme = str(next(graph.objects(URIRef(concept), URIRef(skos + "inScheme"))))
    with client(ld_server) as http:
        page = http.get("/ontology").text
        for iri in (concept, scheme):
            path = "/ns" + iri[len(ontology.ONTOLOGY_IRI) :]
            html = http.get(path, headers={"Accept": "text/html"})
            assert html.status_code == 303 and "accept" in html.headers["vary"].lower()
            anchor = html.headers["location"].split("#", 1)[1]
            assert f'id="{anchor}"' in page
            ttl = http.get(path, headers={"Accept": "text/turtle"}, follow_redirects=True)
            assert ox.NamedNode(iri) in {t.subject for t in ox.parse(ttl.content, ox.RdfFormat.TURTLE)}


def test_shapes_as_page_and_turtle(ld_server: Server) -> None:
    with client(ld_server) as http:
        page = http.get("/shapes", headers={"Accept": "text/html"})
        ttl = http.get("/shapes", headers={"Accept": "text/turtle"})
        same = http.get("/ns/shapes", headers={"Accept": "text/turtle"})
    store = store_of(ttl.content, ox.RdfFormat.TURTLE)
    shapes = {
        q.subject.value
        for q in store.quads_for_pattern(
            None,
            ox.NamedNode(str(ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type").value)),
            ox.NamedNode("http://www.w3.org/ns/shacl#NodeShape"),
        )
        if isinstance(q.subject, ox.NamedNode)
    }
    assert shapes and all(s.rsplit("#", 1)[-1] in page.text for s in shapes)
    assert same.content == ttl.content


def test_the_published_context_is_the_one_dumps_use(ld_server: Server) -> None:
    with client(ld_server) as http:
        response = http.get(path_of(CONTEXT_IRI.replace(ontology.ONTOLOGY_IRI, BASE + "ns")))
        old = http.get("/ns/context/0.0.0.jsonld")
    assert response.status_code == 200 and response.headers["content-type"] == "application/ld+json"
    assert "immutable" in response.headers["cache-control"]
    assert response.json() == json.loads(json.dumps(context()))
    assert old.status_code == 404


@pytest.mark.parametrize("name", ["nquads", "trig", "jsonld"])
def test_http_dumps_stream_the_whole_dataset(ld_server: Server, linked_store: Path, name: str) -> None:
    fmt = FORMATS[name]
    with client(ld_server) as http:
        with http.stream("GET", f"/exports/{dump_name(fmt)}") as response:
            assert response.status_code == 200
            assert response.headers.get("transfer-encoding") == "chunked"
            assert 'rel="license"' in response.headers["link"]
            body = b"".join(response.iter_bytes())
        zipped = http.get(f"/exports/{dump_name(fmt, compressed=True)}")
    assert zipped.headers["content-type"] == "application/gzip"
    assert gzip.decompress(zipped.content) == body
    if fmt.rdf is None:
        from tests.linked.test_roundtrip import jsonld_quads

        quads = jsonld_quads(body)
    else:
        quads = list(ox.parse(body, fmt.rdf))
    assert_same_dataset(quads_of(linked_store), quads)


def quads_of(folder: Path) -> list[ox.Quad]:
    """The quads of a store folder, read through a private copy (the server holds the original's lock)."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(folder, Path(tmp) / "s")
        store = ox.Store(str(Path(tmp) / "s"))
        quads = list(store)
        del store
    return quads


def test_one_graph_over_http_and_unknown_dumps(ld_server: Server) -> None:
    graph = entities_graph_iri(BASE)
    with client(ld_server) as http:
        one = http.get("/exports/firmgraph.nq", params={"graph": graph})
        none = http.get("/exports/firmgraph.nq", params={"graph": BASE + "graph/none"})
        bad = http.get("/exports/firmgraph.xml")
        listing = http.get("/exports").json()
    assert {q.graph_name.value for q in ox.parse(one.content, ox.RdfFormat.N_QUADS)} == {graph}
    assert none.status_code == 404 and bad.status_code == 404
    assert len(listing["dumps"]) == 2 * len(FORMATS) and listing["license"]


def test_void_and_dcat_describe_the_dataset_with_a_licence_everywhere(ld_server: Server) -> None:
    with client(ld_server) as http:
        void = http.get("/.well-known/void", headers={"Accept": "text/turtle"})
        catalog = http.get("/catalog", headers={"Accept": "application/n-triples"})
        total = ld_server.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]
        store = store_of(void.content, ox.RdfFormat.TURTLE)
        assert len(store) == len(store_of(catalog.content, ox.RdfFormat.N_TRIPLES))
        prologue = (
            "PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcat: <http://www.w3.org/ns/dcat#> "
            "PREFIX dcterms: <http://purl.org/dc/terms/> "
        )
        unlicensed = list(
            store.query(
                prologue
                + "SELECT ?x WHERE { VALUES ?t { void:Dataset void:Linkset dcat:Dataset dcat:Distribution "
                "dcat:DataService dcat:Catalog } ?x a ?t FILTER NOT EXISTS { ?x dcterms:license ?l } }"
            )
        )
        assert unlicensed == []
        (row,) = store.query(
            prologue
            + "SELECT ?n ?sparql WHERE { ?d a dcat:Dataset ; void:triples ?n ; void:sparqlEndpoint ?sparql }"
        )
        assert int(row["n"].value) == int(total)
        assert http.get(row["sparql"].value, params={"query": "ASK {}"}).status_code == 200
        dumps = [r["u"].value for r in store.query(prologue + "SELECT ?u WHERE { ?d void:dataDump ?u }")]
        assert len(dumps) == 2 * len(FORMATS)
        for url in dumps:
            with http.stream("GET", url) as response:
                assert response.status_code == 200, url
        vocabularies = {
            r["v"].value for r in store.query(prologue + "SELECT ?v WHERE { ?d void:vocabulary ?v }")
        }
        assert {
            "http://www.w3.org/ns/org#",
            "https://schema.org/",
            "https://w3id.org/firmgraph/ns#",
        } <= vocabularies
        linksets = list(
            store.query(prologue + "SELECT ?l WHERE { ?l a void:Linkset ; void:linkPredicate ?p }")
        )
        assert len(linksets) == 2


@pytest.mark.slow
def test_iris_resolve_under_another_base(tmp_path: Path) -> None:
    """Nothing assumes the default base: data minted under another base dereferences at /id/... too."""
    base = "http://data.example.test/kg/"
    store = tmp_path / "store"
    with KnowledgeGraph.open(store, settings=Settings(store=str(store), base_iri=base)) as kg:
        assert all(r.status == "imported" for r in kg.import_paths([SAMPLES]))
        (row,) = kg.query(
            f'SELECT ?x WHERE {{ ?x a ?t FILTER(STRSTARTS(STR(?x), "{base}id/org/")) }} LIMIT 1'
        )
    firm = row["x"].value
    server = start_server(store, tmp_path / "server.log", base_iri=base)
    try:
        with client(server) as http:
            response = http.get(
                "/" + firm[len(base) :], headers={"Accept": "text/turtle"}, follow_redirects=True
            )
            assert response.status_code == 200
            triples = list(ox.parse(response.content, ox.RdfFormat.TURTLE))
            assert any(t.subject == ox.NamedNode(firm) for t in triples)
            void = http.get("/.well-known/void").text
            assert f"<{base}dataset>" in void
    finally:
        stop_server(server)
