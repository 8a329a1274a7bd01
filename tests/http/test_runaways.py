"""Bounded reads under load: runaway queries are stopped, and nobody else waits behind them."""

from __future__ import annotations

import threading
import time

import httpx
import psutil

from tests.http.conftest import Server

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
"""A cartesian product of the whole store with itself, four times: never finishes."""
SIMPLE = 'PREFIX schema: <https://schema.org/> SELECT ?o WHERE { ?o schema:name "Pinterest" }'
JSON = {"Accept": "application/sparql-results+json"}


def cpu_seconds(pid: int) -> dict[int, float]:
    """CPU time used so far by a process and each of its descendants (fork server, workers), by pid."""
    root = psutil.Process(pid)
    used: dict[int, float] = {}
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
            used[process.pid] = times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return used


def cpu_used_between(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU spent between two readings by the processes alive at the second (new ones: all of theirs)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def test_runaways_time_out_simple_queries_stay_fast_and_the_cpu_goes_idle(readonly_server: Server) -> None:
    url = readonly_server.url + "/sparql"
    runaway_results: list[tuple[int, dict[str, str], float]] = []

    def runaway(client: httpx.Client) -> None:
        started = time.monotonic()
        response = client.get(url, params={"query": RUNAWAY}, headers=JSON)
        runaway_results.append((response.status_code, response.json(), time.monotonic() - started))

    # clients made up front: making one (its TLS context) costs more than a simple query here
    clients = [httpx.Client(timeout=60) for _ in range(8)]
    threads = [threading.Thread(target=runaway, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    time.sleep(0.1)  # the runaways are in

    latencies: list[float] = []
    stream_start = time.monotonic()
    with httpx.Client(timeout=30) as client:
        while any(t.is_alive() for t in threads):
            started = time.monotonic()
            response = client.get(url, params={"query": SIMPLE}, headers=JSON)
            latencies.append(time.monotonic() - started)
            assert response.status_code == 200, response.text
            assert len(response.json()["results"]["bindings"]) == 1
            time.sleep(0.02)
    stream_seconds = time.monotonic() - stream_start
    for thread in threads:
        thread.join()
    for client in clients:
        client.close()

    ordered = sorted(latencies)
    print(
        f"simple queries during 8 runaways: {len(latencies)} in {stream_seconds:.1f} s, "
        f"median {ordered[len(ordered) // 2]:.3f} s, max {ordered[-1]:.3f} s; "
        f"runaways answered after {sorted(round(r[2], 2) for r in runaway_results)} s"
    )
    # the stream ran all through the runaways' 2 s, not just after them
    assert stream_seconds >= 1.5 and len(latencies) >= 8, (stream_seconds, len(latencies))
    assert max(latencies) < 1.0, ordered[-5:]
    assert len(runaway_results) == 8
    for status, body, seconds in runaway_results:
        assert status == 503, body
        assert body["error"] == "QueryTimeoutError"
        assert 2.0 <= seconds < 3.0

    time.sleep(0.3)  # killed workers are reaped, replacements have opened the store
    before = cpu_seconds(readonly_server.process.pid)
    time.sleep(1.0)
    after = cpu_seconds(readonly_server.process.pid)
    used = cpu_used_between(before, after)
    assert len(after) >= 3, after  # the server, its fork server and the spare workers are measured
    print(f"server CPU in the second after the timeouts: {used:.3f} s")
    assert used < 0.15, f"the server used {used:.2f} s of CPU in the second after the timeouts"


def test_a_timeout_leaves_the_server_answering(readonly_server: Server) -> None:
    response = httpx.get(readonly_server.url + "/sparql", params={"query": RUNAWAY}, headers=JSON, timeout=30)
    assert response.status_code == 503
    assert "longer than 2 s" in response.json()["message"]
    again = httpx.get(readonly_server.url + "/sparql", params={"query": SIMPLE}, headers=JSON)
    assert again.status_code == 200
