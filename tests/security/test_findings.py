"""Each finding of the attack run, reproduced against a real `firmgraph serve` (127.0.0.1 only)."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from tests.security.conftest import TOKEN, Listener, Server, cli, start_server, stop_server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
JSON = {"Accept": "application/sparql-results+json"}
FG = "https://w3id.org/firmgraph/ns#"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def bypass(target: str) -> str:
    return (
        r"PREFIX ex: <http://e/> SELECT * WHERE { VALUES ?v { ex:a\#b } SERVICE <"
        + target
        + "> { ?s ?p ?o } }"
    )


@pytest.fixture(scope="module")
def guarded(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with writes on, a small answer budget and a fixed public address."""
    import shutil

    folder = tmp_path_factory.mktemp("guarded")
    shutil.copytree(sample_store, folder / "store")
    server = start_server(
        folder / "store",
        folder / "server.log",
        token=TOKEN,
        query_timeout="5",
        max_result_bytes=str(1 << 20),
        query_memory=str(512 << 20),
        public_url="http://public.example",
    )
    yield server
    stop_server(server)


# 1. SERVICE through a PN_LOCAL escape: refused on every entry point, the listener never hit


def test_the_service_bypass_is_refused_on_every_entry_point(guarded: Server, listener: Listener) -> None:
    query = bypass(listener.url)
    before = len(listener.hits)
    answers = [
        httpx.get(guarded.url + "/sparql", params={"query": query}, headers=JSON),
        httpx.post(guarded.url + "/sparql", data={"query": query}, headers=JSON),
        httpx.post(
            guarded.url + "/sparql",
            content=query,
            headers={**JSON, "Content-Type": "application/sparql-query"},
        ),
        httpx.get(guarded.url + "/", params={"query": query}),
    ]
    assert [r.status_code for r in answers] == [400, 400, 400, 400], [r.text[:200] for r in answers]
    assert "SERVICE" in answers[0].json()["message"]
    assert len(listener.hits) == before


def test_an_update_cannot_hide_operations_or_load(guarded: Server, listener: Listener) -> None:
    hidden = (
        f"PREFIX ex: <http://e/> PREFIX fg: <{FG}>\nCREATE SILENT GRAPH ex:a\\#b ;"
        " INSERT DATA { GRAPH <http://e/g> { <https://w3id.org/firmgraph/id/event/x> fg:jobsCut -999 } } ;"
        " CREATE SILENT GRAPH\nex:zz"
    )
    load = f"PREFIX ex: <http://e/>\nCREATE SILENT GRAPH ex:a\\#b ; LOAD <{listener.url}>"
    before = len(listener.hits)
    for text in (hidden, load):
        response = httpx.post(
            guarded.url + "/sparql/update",
            content=text,
            headers={**AUTH, "Content-Type": "application/sparql-update"},
        )
        assert response.status_code in (400, 422), response.text
    assert guarded.select(f"SELECT ?n WHERE {{ ?e <{FG}jobsCut> -999 }}") == []
    assert len(listener.hits) == before


# 2. SPARQL injection through /exports/{name}?graph=


def test_the_graph_parameter_cannot_inject_sparql(guarded: Server) -> None:
    name = httpx.get(guarded.url + "/exports").json()["dumps"][0]["name"]
    injected = (
        "http://e/g> { ?s ?p ?o } } ; ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . GRAPH <http://e/h"
    )
    started = time.monotonic()
    response = httpx.get(f"{guarded.url}/exports/{name}", params={"graph": injected}, timeout=10)
    assert response.status_code == 400, response.text
    assert time.monotonic() - started < 2
    assert httpx.get(guarded.url + "/sparql", params={"query": "ASK {}"}, headers=JSON).status_code == 200


# 3. memory and answer size


def test_an_answer_over_the_byte_budget_is_refused_with_a_message(guarded: Server) -> None:
    query = "SELECT ?x WHERE { ?a ?b ?c . ?d ?e ?f BIND(CONCAT(STR(?c), STR(?f), STR(?c), STR(?f)) AS ?x) } LIMIT 9000"
    response = httpx.get(guarded.url + "/sparql", params={"query": query}, headers=JSON, timeout=30)
    assert response.status_code == 400, response.text[:200]
    assert "larger than 1 MB" in response.json()["message"]


def test_a_memory_hog_is_stopped_and_the_pool_shrinks_back(guarded: Server) -> None:
    hog = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 1"
    tree = psutil.Process(guarded.process.pid)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            total = 0
            for p in [tree, *tree.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    total += p.memory_info().rss
            peak = max(peak, total)
            time.sleep(0.05)

    done = threading.Event()
    sampler = threading.Thread(target=sample)
    sampler.start()
    answers: list[httpx.Response] = []
    threads = [
        threading.Thread(
            target=lambda: answers.append(
                httpx.get(guarded.url + "/sparql", params={"query": hog}, headers=JSON, timeout=30)
            )
        )
        for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    sampler.join()
    assert sorted(r.status_code for r in answers) == [503, 503, 503], [r.text[:200] for r in answers]
    assert all("memory" in r.json()["message"] for r in answers)
    assert peak < 2 << 30, f"the server tree reached {peak / 2**30:.1f} GB"


def test_a_crashing_query_says_it_crashed(guarded: Server) -> None:
    nested = "SELECT * WHERE " + "{" * 10000 + "}" * 10000
    response = httpx.post(guarded.url + "/sparql", data={"query": nested}, headers=JSON, timeout=30)
    assert 400 <= response.status_code < 500 or response.status_code == 503, response.text[:200]
    assert "memory" not in response.json()["message"] or "crash" in response.json()["message"]


# 4. the write path


def _put(server: Server, body: bytes, media: str, graph: str = "http://e/put") -> httpx.Response:
    return httpx.put(
        server.url + "/rdf-graphs",
        params={"graph": graph},
        content=body,
        headers={**AUTH, "Content-Type": media},
        timeout=120,
    )


def test_entity_expansion_is_refused_at_once(guarded: Server) -> None:
    entities = '<!ENTITY a0 "xxxxxxxxxx">' + "".join(
        f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 9)
    )
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [{entities}]><rdf:RDF'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">'
        '<rdf:Description rdf:about="http://e/s"><ex:p>&a8;</ex:p></rdf:Description></rdf:RDF>'
    ).encode()
    started = time.monotonic()
    response = _put(guarded, body, "application/rdf+xml")
    assert response.status_code == 400 and "ENTITY" in response.json()["message"], response.text
    assert time.monotonic() - started < 2


@pytest.mark.slow
def test_a_large_literal_costs_linear_time_and_does_not_block_other_writes(guarded: Server) -> None:
    timings = {}
    for megabytes in (1, 8):
        body = f'<http://e/s> <http://e/p> "{"x" * (megabytes << 20)}" .'.encode()
        started = time.monotonic()
        response = _put(guarded, body, "application/n-triples", graph=f"http://e/big{megabytes}")
        timings[megabytes] = time.monotonic() - started
        assert response.status_code in (201, 204), response.text[:200]
    assert timings[8] < 30, timings  # was 225 s for 9 MB
    assert timings[8] < 8 * max(timings[1], 0.5) * 2, timings  # linear, with room for noise


# 5. slow clients, SIGTERM


@pytest.mark.slow
def test_a_slow_client_is_cut_after_the_header_deadline(guarded: Server) -> None:
    host, port = guarded.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(b"GET /sparql HTTP/1.1\r\n")
        started = time.monotonic()
        closed = False
        while time.monotonic() - started < 20:
            try:
                sock.sendall(b"X")
            except OSError:
                closed = True
                break
            sock.settimeout(1.0)
            try:
                if sock.recv(1) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
        assert closed, "a client sending one byte a second was never cut"
        assert time.monotonic() - started < 15


@pytest.mark.slow
def test_sigterm_stops_a_busy_server_within_seconds(sample_store: Path, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(sample_store, tmp_path / "store")
    server = start_server(tmp_path / "store", tmp_path / "log", query_timeout="60")
    busy = [
        threading.Thread(
            target=lambda: _quietly(
                lambda: httpx.get(server.url + "/sparql", params={"query": RUNAWAY}, headers=JSON, timeout=90)
            )
        )
        for _ in range(3)
    ]
    for t in busy:
        t.start()
    time.sleep(1.0)
    family = psutil.Process(server.process.pid).children(recursive=True)
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(timeout=15)
    assert time.monotonic() - started < 10
    _, alive = psutil.wait_procs(family, timeout=5)  # the fork server and workers follow their parent
    assert [p.cmdline()[-2:] for p in alive if p.status() != psutil.STATUS_ZOMBIE] == []


def _quietly(call: object) -> None:
    with contextlib.suppress(httpx.HTTPError):
        call()  # type: ignore[operator]


# 7. 4xx for bad input


@pytest.mark.parametrize("path", ["/id/", "/page/", "/data/", "/id/org/", "/page/org/", "/data/org/"])
@pytest.mark.parametrize("value", ["%3E", "a%22b", "a%20b", "%00", "%ZZ", "x%00y", "%5C%23", "a%7Bb"])
def test_odd_iris_are_client_errors(guarded: Server, path: str, value: str) -> None:
    for accept in ("application/json", "text/html"):
        response = httpx.get(guarded.url + path + value, headers={"Accept": accept})
        assert 400 <= response.status_code < 500, (path + value, response.status_code, response.text[:200])


def test_dropping_a_missing_graph_without_silent_is_a_client_error(guarded: Server) -> None:
    for text in ("DROP GRAPH <http://e/none>", "CLEAR GRAPH <http://e/none>"):
        response = httpx.post(
            guarded.url + "/sparql/update",
            content=text,
            headers={**AUTH, "Content-Type": "application/sparql-update"},
        )
        assert response.status_code == 400, response.text
        assert "does not exist" in response.json()["message"]


# 8. VoID: not keyed by Host, Host not written out


def test_the_dataset_description_ignores_the_host_header(sample_store: Path, tmp_path: Path) -> None:
    import shutil

    # its own server: the guarded one's 5 s budget is spent by the hostile tests' leftovers on a busy machine
    shutil.copytree(sample_store, tmp_path / "store")
    server = start_server(tmp_path / "store", tmp_path / "log", public_url="http://public.example")
    try:
        first = httpx.get(
            server.url + "/.well-known/void", headers={"Host": "evil.example", "Accept": "text/turtle"}
        )
        started = time.monotonic()
        second = httpx.get(
            server.url + "/.well-known/void", headers={"Host": "other.example", "Accept": "text/turtle"}
        )
        assert time.monotonic() - started < 1.0  # served from the cache, not recounted
    finally:
        stop_server(server)
    for response in (first, second):
        assert response.status_code == 200, response.text[:300]
        assert "evil.example" not in response.text and "other.example" not in response.text
        assert "http://public.example/sparql" in response.text


# 9. imports: UTF-8 and the exit code of a partly rejected batch


def test_text_that_is_not_utf8_is_rejected_and_a_mixed_batch_exits_3(tmp_path: Path) -> None:
    bad = tmp_path / "in" / "latin.txt"
    bad.parent.mkdir()
    bad.write_bytes("Die Müller GmbH streicht 120 Stellen, sagte ein Sprecher.".encode("cp1252"))
    alone = cli(tmp_path / "store", "import", str(bad))
    assert alone.returncode == 1, alone.stderr
    assert "not UTF-8" in alone.stdout + alone.stderr
    good = tmp_path / "in" / "good.txt"
    good.write_text(
        "Müller GmbH streicht Stellen\n\nDie Müller GmbH baut 120 Stellen ab, teilte das Unternehmen am"
        " Montag mit.\n",
        "utf-8",
    )
    mixed = cli(tmp_path / "store", "import", str(tmp_path / "in"))
    assert mixed.returncode == 3, mixed.stdout + mixed.stderr
    assert "latin.txt" in mixed.stdout + mixed.stderr
    assert "Traceback" not in mixed.stderr


@pytest.mark.slow
def test_bulk_import_workers_end_with_their_parent(tmp_path: Path) -> None:
    from tests.conftest import SHARED_CORPUS

    articles = SHARED_CORPUS / "articles"
    if not articles.is_dir():
        pytest.skip("the shared corpus is not beside the repository")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "firmgraph.api.cli",
            "--store",
            str(tmp_path / "store"),
            "import",
            "--workers",
            "2",
        ]
        + [str(articles)] * 1,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    workers: list[psutil.Process] = []
    while time.monotonic() < deadline and not workers:
        workers = [p for p in psutil.Process(process.pid).children(recursive=True) if _is_pool_worker(p)]
        time.sleep(0.05)
    assert workers, "the import started no workers"
    while time.monotonic() < deadline and _least_cpu_seconds(workers) < 3.0:
        time.sleep(0.1)  # past their start-up (imports) and into the work
    process.kill()  # no chance to clean up: the kernel must end the workers
    process.wait()
    _gone, alive = psutil.wait_procs(workers, timeout=5)
    assert alive == [], [p.cmdline()[-3:] for p in alive]


def _is_pool_worker(process: psutil.Process) -> bool:
    """A multiprocessing worker; short-lived helpers may end while the tree is listed."""
    try:
        return "spawn_main" in " ".join(process.cmdline())
    except psutil.NoSuchProcess:
        return False


def _least_cpu_seconds(workers: list[psutil.Process]) -> float:
    """CPU seconds of the least busy worker still alive (a worker that ended counts as done)."""
    seconds = []
    for worker in workers:
        with contextlib.suppress(psutil.NoSuchProcess):
            seconds.append(sum(worker.cpu_times()[:2]))
    return min(seconds, default=float("inf"))
