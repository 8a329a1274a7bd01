"""What only the remote store does: endpoint layouts, retries, auth, timeouts, staging and its crash safety."""

from __future__ import annotations

import base64
import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from firmgraph.graph.errors import QueryError, QueryTimeoutError, StoreError
from firmgraph.graph.settings import RemoteSettings
from firmgraph.graph.store import Commit, RemoteStore, open_store
from firmgraph.graph.store.endpoints import LAYOUTS
from firmgraph.graph.store.staging import STAGING, swap_update
from tests.store.proxy import flaky_proxy

EX = "http://example.org/"
G = EX + "g"
P = ox.NamedNode(EX + "p")


def quads(n: int, prefix: str = "s", graph: str = G) -> list[ox.Quad]:
    return [
        ox.Quad(ox.NamedNode(f"{EX}{prefix}{i}"), P, ox.Literal(str(i)), ox.NamedNode(graph))
        for i in range(n)
    ]


def remote(url: str, **settings: object) -> RemoteStore:
    return RemoteStore.from_url(url, RemoteSettings(**settings))  # type: ignore[arg-type]


@pytest.fixture
def server(oxigraph_server: str) -> str:
    """The test server, emptied."""
    with remote(oxigraph_server) as store:
        store.update("DROP ALL")
    return oxigraph_server


@pytest.fixture
def store(server: str) -> Iterator[RemoteStore]:
    with remote(server, backoff=0.001) as s:
        yield s


# -- where the endpoints are ------------------------------------------------------------------------


def test_layouts_name_the_endpoints_of_each_store() -> None:
    oxigraph = remote("http://db:7878/")
    assert (oxigraph.query_url, oxigraph.update_url, oxigraph.gsp_url) == (
        "http://db:7878/query",
        "http://db:7878/update",
        "http://db:7878/store",
    )
    fuseki = remote("http://db:3030/ds#fuseki")
    assert (fuseki.query_url, fuseki.update_url, fuseki.gsp_url) == (
        "http://db:3030/ds/sparql",
        "http://db:3030/ds/update",
        "http://db:3030/ds/data",
    )
    neptune = remote("https://cluster:8182#neptune")
    assert neptune.query_url == neptune.update_url == "https://cluster:8182/sparql"
    assert neptune.gsp_url == "https://cluster:8182/sparql/gsp/"
    graphdb = remote("http://db:7200/repositories/firms", layout="graphdb")
    assert graphdb.update_url == "http://db:7200/repositories/firms/statements"
    assert set(LAYOUTS) >= {"oxigraph", "fuseki", "graphdb", "virtuoso", "neptune", "sparql"}


def test_settings_override_endpoints_and_credentials_stay_out_of_the_location() -> None:
    store = remote(
        "https://alice:s3cret@db.example/sparql#sparql", gsp_url="", update_url="https://db.example/up"
    )
    assert store.query_url == "https://db.example/sparql" and store.update_url == "https://db.example/up"
    assert store.gsp_url is None
    assert "s3cret" not in store.location and "alice" not in store.location
    with pytest.raises(StoreError, match="unknown remote layout"):
        remote("http://db:1/#nosuchstore")


def test_open_store_and_the_environment_select_the_remote_store(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from firmgraph.graph.settings import get_settings

    monkeypatch.setenv("FIRMGRAPH_REMOTE_TIMEOUT", "7")
    get_settings.cache_clear()
    try:
        with open_store(server) as store:
            assert isinstance(store, RemoteStore) and store.client.timeout.read == 7
    finally:
        get_settings.cache_clear()


# -- protocol --------------------------------------------------------------------------------------


def test_query_forms_come_back_as_pyoxigraph_results(store: RemoteStore) -> None:
    store.commit(Commit(replace={G: quads(3)}))
    assert bool(store.query(f"ASK {{ <{EX}s1> ?p ?o }}")) is True
    triples = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(triples, ox.QueryTriples) and len(list(triples)) == 3
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o")
    assert isinstance(rows, ox.QuerySolutions) and [r["o"].value for r in rows] == ["0", "1", "2"]
    with pytest.raises(QueryError):
        store.update("INSERT DATA { <a> }")


def test_oxigraph_runs_a_multi_operation_request_as_one_transaction(store: RemoteStore) -> None:
    """What the one-request commit relies on: the second operation fails, so the first is undone."""
    store.commit(Commit(add=quads(1)))
    with pytest.raises(StoreError, match="already exists"):
        store.update(f'INSERT DATA {{ GRAPH <{EX}other> {{ <{EX}x> <{EX}p> "x" }} }} ; CREATE GRAPH <{G}>')
    assert store.named_graphs() == [G]


def test_bulk_load_streams_dumps_and_rejects_malformed_ones(store: RemoteStore) -> None:
    dump = (
        b"".join(f'<{EX}s{i}> <{EX}p> "{i}" <{EX}g{i % 3}> .\n'.encode() for i in range(1000))
        + f'_:b <{EX}p> _:c <{G}> .\n_:c <{EX}p> "end" <{G}> .\n'.encode()
    )
    store.bulk_load(io.BytesIO(dump), ox.RdfFormat.N_QUADS)
    assert store.count() == 1002 and len(store.named_graphs()) == 4
    store.bulk_load(io.BytesIO(f'<{EX}t> <{EX}p> "t" .'.encode()), ox.RdfFormat.N_TRIPLES, graph=EX + "nt")
    assert store.count(EX + "nt") == 1
    with pytest.raises(SyntaxError):
        store.bulk_load(io.BytesIO(b"<broken"), ox.RdfFormat.N_QUADS)


def test_without_graph_store_protocol_chunks_keep_blank_nodes_together(server: str) -> None:
    store = remote(
        server, layout="sparql", query_url=server + "/query", update_url=server + "/update", batch_bytes=200
    )
    chain = "".join(f"_:n{i} <{EX}next> _:n{i + 1} <{G}> .\n" for i in range(30))
    dump = chain + "".join(f'<{EX}s{i}> <{EX}p> "{i}" <{G}> .\n' for i in range(30))
    store.bulk_load(io.BytesIO(dump.encode()), ox.RdfFormat.N_QUADS)
    assert store.count(G) == 60
    (row,) = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a <{EX}next>+ ?b }}")  # type: ignore[misc]
    assert int(row["n"].value) == 31 * 30 // 2, "one chain of 31 nodes, not 30 pieces"
    assert sorted(q.subject.value for q in store.quads(G) if q.predicate == P)[:2] == [EX + "s0", EX + "s1"]


# -- transient failures, auth, timeouts -------------------------------------------------------------


def test_transient_failures_are_retried_with_backoff(server: str) -> None:
    with flaky_proxy(server) as (url, script), remote(url, backoff=0.001) as store:
        script.steps = [503, 502, 429]
        assert store.count() == 0
        assert len(script.seen) >= 4 and script.forwarded >= 1
        script.steps = [503] * 10
        short = remote(url, backoff=0.001, retries=2)
        with pytest.raises(StoreError, match="503"):
            short.count(G)
        short.close()


def test_a_plain_update_is_not_retried_when_the_server_may_have_run_it(server: str) -> None:
    with flaky_proxy(server) as (url, script), remote(url, backoff=0.001) as store:
        script.steps = [502]
        with pytest.raises(StoreError, match="502"):
            store.update(f'INSERT DATA {{ <{EX}a> <{EX}p> "1" }}')
        assert len(script.seen) == 1
        script.steps = [502, 504]
        store.commit(Commit(replace={G: quads(2)}))  # idempotent: DROP + INSERT DATA
        assert len(script.seen) == 4 and store.count(G) == 2


def test_an_unreachable_server_is_a_store_error(server: str) -> None:
    with flaky_proxy(server) as (url, _):
        pass  # the port is closed again
    with remote(url, retries=1, backoff=0.001) as store, pytest.raises(StoreError, match="cannot reach"):
        store.count()


def test_auth_by_token_header_or_url_credentials(server: str) -> None:
    with flaky_proxy(server) as (url, script):
        script.require = "Bearer s3cret"
        with remote(url) as anonymous, pytest.raises(StoreError, match="not authorised"):
            anonymous.count()
        with remote(url, token="s3cret") as store:
            store.commit(Commit(replace={G: quads(1)}))
            assert store.count(G) == 1
        script.require = "Basic " + base64.b64encode(b"alice:pw").decode()
        with remote(url.replace("http://", "http://alice:pw@")) as store:
            assert store.count(G) == 1


def test_a_slow_query_times_out(server: str) -> None:
    with flaky_proxy(server) as (url, script), remote(url, timeout=0.3) as store:
        script.steps = [1.5]
        with pytest.raises(QueryTimeoutError):
            store.query("SELECT * WHERE { ?s ?p ?o }")
        seen = len(script.seen)
        script.steps = [1.5]
        with pytest.raises(StoreError, match="no answer within"):
            store.update(f'INSERT DATA {{ <{EX}a> <{EX}p> "1" }}')
        assert len(script.seen) == seen + 1, "a write that timed out may have run: it is not sent again"
        deadline = time.monotonic() + 15
        while script.forwarded < len(script.seen) and time.monotonic() < deadline:
            time.sleep(0.05)  # the proxy still delivers the delayed requests: wait, so none lands later
    with remote(server) as direct:
        assert direct.query(f'ASK {{ <{EX}a> <{EX}p> "1" }}'), "the timed-out write did run"


# -- staged commits --------------------------------------------------------------------------------


def test_a_large_commit_is_staged_and_swapped_in(server: str) -> None:
    store = remote(server, batch_bytes=2000)
    blank = ox.BlankNode()
    content = [*quads(200), ox.Quad(ox.NamedNode(EX + "s0"), P, blank, ox.NamedNode(G))]
    content.append(ox.Quad(blank, P, ox.NamedNode(EX + "s1"), ox.NamedNode(G)))
    entities = quads(50, "e", EX + "entities")
    store.commit(Commit(replace={G: content}, add=entities))
    assert store.count(G) == 202 and store.count(EX + "entities") == 50
    (row,) = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ <{EX}s0> <{EX}p> ?b . ?b <{EX}p> <{EX}s1> }}")  # type: ignore[misc]
    assert int(row["n"].value) == 1, "the blank node still joins its two triples"
    store.commit(Commit(replace={G: quads(100, "t")}))
    assert store.count(G) == 100, "the old content is gone"
    assert store.staging_graphs() == []


def test_the_swap_changes_nothing_unless_every_staged_statement_is_there(store: RemoteStore) -> None:
    store.commit(Commit(replace={G: quads(5)}))
    stage = STAGING + "0-test"
    store.update(
        f'INSERT DATA {{ GRAPH <{stage}> {{ <{stage}#0> <urn:firmgraph:staging#g> "{G}"^^<urn:firmgraph:staging#iri> ;'
        ' <urn:firmgraph:staging#s> "http://example.org/new"^^<urn:firmgraph:staging#iri> ;'
        ' <urn:firmgraph:staging#p> "http://example.org/p"^^<urn:firmgraph:staging#iri> ;'
        ' <urn:firmgraph:staging#o> "x" } }'
    )
    store.update(swap_update(stage, 2, [G]))  # two were expected, one is staged
    assert store.count(G) == 5
    store.update(swap_update(stage, 1, [G]))
    assert [q.subject.value for q in store.quads(G)] == [EX + "new"]
    assert store.discard_staging(older_than=0) == [stage]


@pytest.mark.parametrize("batch_bytes", [64 * 1024 * 1024, 10_000], ids=["one-request", "staged"])
def test_readers_see_a_replaced_graph_whole_before_or_after(server: str, batch_bytes: int) -> None:
    writer = remote(server, batch_bytes=batch_bytes)
    sizes = (600, 900)
    writer.commit(Commit(replace={G: quads(sizes[0], "a")}))
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        with remote(server) as reader:
            while not stop.is_set():
                (row,) = reader.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}p> ?o }}")  # type: ignore[misc]
                seen.add(int(row["n"].value))
                time.sleep(0.005)  # leave the writer thread the GIL between reads

    thread = threading.Thread(target=read)
    thread.start()
    try:
        for round_ in range(4):
            writer.commit(Commit(replace={G: quads(sizes[(round_ + 1) % 2], "ab"[(round_ + 1) % 2])}))
    finally:
        stop.set()
        thread.join()
    assert seen and seen <= set(sizes), f"a reader saw a partial graph: {sorted(seen)}"


def test_a_crash_while_staging_leaves_the_old_graph_and_no_visible_trace(server: str) -> None:
    store = remote(server)
    store.commit(Commit(replace={G: quads(50, "old")}))
    script = f"""
import pyoxigraph as ox
from firmgraph.graph.store import Commit
from firmgraph.graph.settings import RemoteSettings
from firmgraph.graph.store.remote import RemoteStore
store = RemoteStore.from_url({server!r}, RemoteSettings(batch_bytes=20_000))
g = ox.NamedNode({G!r})
new = [ox.Quad(ox.NamedNode(f"{EX}new{{i}}"), ox.NamedNode("{EX}p"), ox.NamedNode(f"{EX}o{{i}}"), g) for i in range(60_000)]
store.commit(Commit(replace={{{G!r}: new}}))
"""
    process = subprocess.Popen([sys.executable, "-c", script], start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            staging = store.staging_graphs()
            if staging and store.count(staging[0]) > 20_000:
                break
            time.sleep(0.05)
        assert process.poll() is None, "the commit finished before it could be interrupted"
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert sorted(q.subject.value for q in store.quads(G)) == sorted(f"{EX}old{i}" for i in range(50))
    assert store.named_graphs() == [G] and store.count() == 50
    for pattern in (f"<{EX}new7> ?p ?o", f"?s ?p <{EX}new7>", f"?s ?p <{EX}o7>", f"?s <{EX}p> <{EX}o7>"):
        assert not store.query(f"ASK {{ {pattern} }}"), f"staged data reached by {pattern}"
    (leftover,) = store.staging_graphs()
    assert store.discard_staging() == [], "a young staging graph may belong to a live commit"
    assert store.discard_staging(older_than=0) == [leftover]
    assert store.staging_graphs() == [] and store.count() == 50
