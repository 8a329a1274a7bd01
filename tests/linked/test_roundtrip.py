"""Dumps in every format read back into a fresh store give the same graphs."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from pyld import jsonld

from firmgraph.graph.errors import InputError, NotFoundError
from firmgraph.graph.model.iris import entities_graph_iri
from firmgraph.graph.publish.export import FORMATS, dump_chunks, export_to_path, format_for
from firmgraph.graph.publish.jsonld import CONTEXT_IRI, context
from firmgraph.graph.store import EmbeddedStore, open_store
from tests.linked.conftest import BASE
from tests.linked.graphs import assert_isomorphic, assert_same_dataset


def local_loader(url: str, options: dict[str, object] | None = None) -> dict[str, object]:
    """Serves the published context from the package; refuses every other (remote) URL."""
    if url != CONTEXT_IRI:
        raise AssertionError(f"the JSON-LD processor tried to fetch {url}")
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": context(),
        "contentType": "application/ld+json",
    }


def jsonld_quads(data: bytes) -> list[ox.Quad]:
    """A JSON-LD document -> quads, through pyld (expansion, then RDF)."""
    document = json.loads(data)
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": local_loader})
    return list(ox.parse(nquads.encode(), ox.RdfFormat.N_QUADS))


@pytest.fixture(scope="module")
def source(linked_store: Path, tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    copy = tmp_path_factory.mktemp("roundtrip") / "store"
    shutil.copytree(linked_store, copy)
    store = open_store(str(copy))
    assert isinstance(store, EmbeddedStore)
    return store


def read_back(path: Path, tmp_path: Path) -> list[ox.Quad]:
    """Load a dump into a fresh on-disk store and return what that store holds."""
    fmt = format_for(path)
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    if fmt.rdf is None:  # JSON-LD: through pyld, whose output the store reads as N-Quads
        data, rdf = ox.serialize(jsonld_quads(data), format=ox.RdfFormat.N_QUADS), ox.RdfFormat.N_QUADS
    else:
        rdf = fmt.rdf
    with open_store(str(tmp_path / f"fresh-{path.name}")) as fresh:
        fresh.bulk_load(io.BytesIO(data), rdf)
        return list(fresh.quads())


@pytest.mark.parametrize("name", [*FORMATS, "nquads.gz", "jsonld.gz"])
def test_a_dump_read_into_a_fresh_store_is_isomorphic(
    name: str, source: EmbeddedStore, tmp_path: Path
) -> None:
    fmt = FORMATS[name.removesuffix(".gz")]
    path = tmp_path / (f"dump.{fmt.extension}" + (".gz" if name.endswith(".gz") else ""))
    written = export_to_path(source, path, fmt.name)
    original = list(source.quads())
    assert written == len(original) > 1000
    back = read_back(path, tmp_path)
    if fmt.quads:
        assert_same_dataset(original, back)
    else:  # Turtle and N-Triples: the union of the graphs, in the default graph
        assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in back)
        assert_isomorphic([q.triple for q in original], [q.triple for q in back], fmt.label)


@pytest.mark.parametrize("name", ["nquads", "jsonld", "turtle"])
def test_one_named_graph_dumps_alone(name: str, source: EmbeddedStore, tmp_path: Path) -> None:
    graph = entities_graph_iri(BASE)
    path = tmp_path / f"entities.{FORMATS[name].extension}"
    assert export_to_path(source, path, graph=graph) == source.count(graph)
    back = read_back(path, tmp_path)
    assert_isomorphic([q.triple for q in source.quads(graph)], [q.triple for q in back], graph)
    if FORMATS[name].quads:
        assert {q.graph_name for q in back} == {ox.NamedNode(graph)}


def test_the_json_ld_dump_is_compact_and_embeds_the_versioned_context(
    source: EmbeddedStore, tmp_path: Path
) -> None:
    path = tmp_path / "dump.jsonld"
    export_to_path(source, path)
    document = json.loads(path.read_text())
    assert document["@context"] == context()["@context"]  # embedded: parses offline
    assert "/context/" in CONTEXT_IRI and CONTEXT_IRI.endswith(".jsonld")
    offline = rdflib.Dataset()
    offline.parse(path, format="json-ld")  # no network here: a remote context would fail
    assert len(offline) + sum(len(g) for g in offline.graphs()) > 0
    nodes = [n for g in document["@graph"] for n in g.get("@graph", [g])]
    events = [n for n in nodes if "jobsCut" in n]
    assert events and all(isinstance(n["jobsCut"], int) for n in events)
    # expansion with pyld restores the full IRIs the compact terms stand for
    expanded = jsonld.expand(document, {"documentLoader": local_loader})
    properties = {p for g in expanded for n in g.get("@graph", [g]) for p in n}
    assert "https://w3id.org/firmgraph/ns#jobsCut" in properties


def test_chunks_stream_the_same_bytes_as_a_file(source: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "firmgraph.nq.gz"
    export_to_path(source, path)
    streamed = b"".join(dump_chunks(source, "nquads", compressed=True))
    assert streamed == path.read_bytes()


def test_closing_a_stream_early_stops_the_writer(source: EmbeddedStore) -> None:
    import threading

    before = threading.active_count()
    chunks = dump_chunks(source, "ntriples")
    assert next(chunks)
    chunks.close()  # type: ignore[attr-defined]
    assert threading.active_count() == before


def test_unknown_format_graph_and_file_name_are_refused(source: EmbeddedStore, tmp_path: Path) -> None:
    with pytest.raises(InputError):
        export_to_path(source, tmp_path / "dump.xml")
    with pytest.raises(InputError):
        export_to_path(source, tmp_path / "dump.nq", "rdfa")
    with pytest.raises(NotFoundError):
        export_to_path(source, tmp_path / "dump.nq", graph="https://example.org/no-such-graph")
    assert not list(tmp_path.iterdir())  # nothing half-written under any name
