"""The clients data scientists use: SPARQLWrapper, rdflib's SPARQLStore, pandas, and KnowledgeGraph itself."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import pandas as pd
import rdflib
import rdflib.compare
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from tests.http.conftest import Server

FG = rdflib.Namespace("https://w3id.org/firmgraph/ns#")
SCHEMA = rdflib.Namespace("https://schema.org/")
PREFIXES = "PREFIX fg: <https://w3id.org/firmgraph/ns#>\nPREFIX schema: <https://schema.org/>\n"
CUTS = (
    PREFIXES
    + "SELECT ?firm ?jobs WHERE { ?e fg:jobsCut ?jobs ; fg:organization/schema:name ?firm } ORDER BY ?jobs"
)


def wrapper(server: Server, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.url + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_sparqlwrapper_json(server: Server) -> None:
    result = wrapper(server, CUTS, JSON).queryAndConvert()
    rows = [(b["firm"]["value"], int(b["jobs"]["value"])) for b in result["results"]["bindings"]]  # type: ignore[index]
    assert rows[0] == ("Pinterest", 750)
    assert ("Amazon", 30000) in rows


def test_sparqlwrapper_xml(server: Server) -> None:
    document = wrapper(server, CUTS, XML).queryAndConvert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]  # type: ignore[union-attr]
    assert "Pinterest" in literals and "750" in literals


def test_sparqlwrapper_csv(server: Server) -> None:
    data = wrapper(server, CUTS, CSV).queryAndConvert()
    frame = pd.read_csv(io.BytesIO(data))  # type: ignore[arg-type]
    assert list(frame.columns) == ["firm", "jobs"]
    assert frame.iloc[0].tolist() == ["Pinterest", 750]


def test_sparqlwrapper_construct_into_rdflib(server: Server) -> None:
    query = (
        PREFIXES
        + "CONSTRUCT { ?e fg:jobsCut ?n ; schema:name ?firm } WHERE { ?e fg:jobsCut ?n ; fg:organization/schema:name ?firm }"
    )
    graph = wrapper(server, query, RDFXML).queryAndConvert()  # SPARQLWrapper builds the rdflib Graph
    assert isinstance(graph, rdflib.Graph)
    as_turtle = rdflib.Graph().parse(data=wrapper(server, query, TURTLE).queryAndConvert(), format="turtle")
    assert rdflib.compare.isomorphic(graph, as_turtle)
    assert rdflib.Literal(750) in set(graph.objects(None, FG.jobsCut))
    assert len(set(graph.subjects(FG.jobsCut, None))) == len(set(graph.subjects(SCHEMA.name, None))) > 3


def test_sparqlwrapper_construct_in_every_format_it_asks_for(server: Server) -> None:
    query = PREFIXES + "CONSTRUCT { ?e fg:jobsCut ?n } WHERE { ?e fg:jobsCut ?n }"
    reference = wrapper(server, query, RDFXML).queryAndConvert()
    for fmt in (JSONLD, TURTLE, N3, XML):
        result = wrapper(server, query, fmt).queryAndConvert()
        graph = (
            result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(data=result, format="turtle")
        )
        assert rdflib.compare.isomorphic(graph, reference), fmt  # type: ignore[arg-type]
    tsv = wrapper(server, CUTS, TSV).queryAndConvert()
    assert tsv.decode().splitlines()[0] == "?firm\t?jobs"  # type: ignore[union-attr]


def test_rdflib_sparqlstore_reads(server: Server) -> None:
    graph = rdflib.Graph(store=SPARQLStore(server.url + "/sparql", returnFormat="json"))
    rows = list(graph.query(CUTS))
    assert (rdflib.Literal("Pinterest"), rdflib.Literal(750)) in [(r[0], r[1]) for r in rows]  # type: ignore[index]
    pinterest = list(graph.subjects(SCHEMA.name, rdflib.Literal("Pinterest")))
    assert len(pinterest) == 1
    assert (rdflib.URIRef(str(pinterest[0])), SCHEMA.name, rdflib.Literal("Pinterest")) in graph


def test_pandas_reads_a_csv_result_url(server: Server) -> None:
    frame = pd.read_csv(server.url + "/sparql?" + urlencode({"query": CUTS, "format": "csv"}))
    assert frame["jobs"].min() == 750
    assert set(frame["firm"]) >= {"Amazon", "Pinterest"}


def test_knowledge_graph_opens_the_endpoint_for_queries(server: Server) -> None:
    with KnowledgeGraph.open(server.url + "/sparql#sparql", settings=Settings(store="unused")) as kg:
        frame = kg.query_df(CUTS)
        stats = kg.stats()
    assert frame.iloc[0].tolist() == ["Pinterest", 750]
    assert stats["organizations"] > 5 and stats["events"] >= 5
