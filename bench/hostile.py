"""The server under attack: hostile clients of every kind the attack run found, while simple queries go on.

A real `firmgraph serve` (with a write token) on 127.0.0.1 holds the ~100k-quad synthetic graph.
For `BENCH_HOSTILE_SECONDS` (60; 10 at `BENCH_SCALE=small`), `BENCH_HOSTILE_CLIENTS` (20) clients of
each kind below run at once, each sending its request again as soon as the last one ended (`BENCH_HOSTILE_KINDS`: a few of them):

    service     a SERVICE call hidden behind an escaped local name (must be refused)
    inject      a SPARQL injection through /exports/{name}?graph= (must be refused)
    cartesian   a full cartesian product ordered by two columns (runs into the time and memory limits)
    concat      thousands of rows of doubled CONCATs (runs into the byte budget)
    crash       10,000 nested groups (crashes its worker)
    expansion   an RDF/XML entity-expansion body, PUT with the token (must be refused)
    literal     a 3 MB literal, PUT with the token (linear time, never holds the writer)
    slowhead    headers at one byte a second (cut at the header deadline)
    slowbody    a declared body sent at one byte a second (cut at the request deadline)

Meanwhile a separate process sends simple queries (a lookup, a count by type, a firm's events), one
after the other, and records their latencies; the server's whole process tree is sampled every
200 ms (RSS; PSS every second). Before the run the same stream runs on the quiet server. Results go
to bench-results/hostile.txt. The targets: simple queries p95 <= 100 ms, tree RSS < 3 GB, back to
its idle size after the run; a listener standing for an internal service must never be hit.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil

from bench.endpoint import REPO, _free_port, _stop, _wait, prepare

TOKEN = "bench-hostile-token"
JSON = {"Accept": "application/sparql-results+json"}
SIMPLE = [
    "SELECT ?org WHERE { ?org a <http://www.w3.org/ns/org#Organization> } LIMIT 10",
    "SELECT ?t (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?t } } GROUP BY ?t",
    "SELECT ?e ?n WHERE { ?e <https://w3id.org/firmgraph/ns#jobsCut> ?n } ORDER BY DESC(?n) LIMIT 5",
]
ENTITIES = '<!ENTITY a0 "xxxxxxxxxx">' + "".join(
    f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 9)
)
EXPANSION = (
    f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [{ENTITIES}]><rdf:RDF'
    ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">'
    '<rdf:Description rdf:about="http://e/s"><ex:p>&a8;</ex:p></rdf:Description></rdf:RDF>'
).encode()
LITERAL = f'<http://e/s> <http://e/p> "{"x" * (3 << 20)}" .'.encode()
SLOW = ("slowhead", "slowbody")
INJECTED = "http://e/g> { ?s ?p ?o } } ; ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . GRAPH <http://e/h"


def hostile_requests(listener: str, dump: str) -> dict[str, dict[str, object]]:
    """Kind -> the keyword arguments of its request (method, path, params, body, headers)."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    return {
        "service": {"params": {"query": "PREFIX ex: <http://e/> SELECT * WHERE { VALUES ?v { ex:a\\#b }"
                                        f" SERVICE <{listener}> {{ ?s ?p ?o }} }}"}},
        "inject": {"path": f"/exports/{dump}", "params": {"graph": INJECTED}},
        "cartesian": {"params": {"query": "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"}},
        "concat": {"params": {"query": "SELECT ?x WHERE { ?a ?b ?c . ?d ?e ?f BIND(CONCAT(STR(?c), STR(?f),"
                                       " STR(?c), STR(?f)) AS ?x) } LIMIT 4000"}},
        "crash": {"params": {"query": "SELECT * WHERE " + "{" * 10000 + "?s ?p ?o" + "}" * 10000}},
        "expansion": {"method": "PUT", "path": "/rdf-graphs", "params": {"graph": "http://e/x"}, "content": EXPANSION,
                      "headers": auth | {"Content-Type": "application/rdf+xml"}},
        "literal": {"method": "PUT", "path": "/rdf-graphs", "params": {"graph": "http://e/big"}, "content": LITERAL,
                    "headers": auth | {"Content-Type": "application/n-triples"}},
    }  # fmt: skip


async def _hostile(
    base: str, kind: str, spec: dict[str, object], until: float, counts: dict[str, int]
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        while time.monotonic() < until:
            spec = dict(spec)
            method, path = str(spec.pop("method", "GET")), str(spec.pop("path", "/sparql"))
            headers = {**JSON, **spec.pop("headers", {})}  # type: ignore[dict-item]
            try:
                response = await client.request(method, path, headers=headers, **spec)  # type: ignore[arg-type]
                counts[f"{kind} {response.status_code}"] = counts.get(f"{kind} {response.status_code}", 0) + 1
            except httpx.HTTPError as e:
                counts[f"{kind} {type(e).__name__}"] = counts.get(f"{kind} {type(e).__name__}", 0) + 1
                await asyncio.sleep(0.5)


async def _slow(port: int, kind: str, until: float, counts: dict[str, int], cuts: list[float]) -> None:
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 99999\r\n\r\n"
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            counts[f"{kind} refused"] = counts.get(f"{kind} refused", 0) + 1
            await asyncio.sleep(1)
            continue
        try:
            if kind == "slowbody":
                writer.write(head)
            while time.monotonic() < until:
                writer.write(b"X")
                await writer.drain()
                with contextlib.suppress(TimeoutError):
                    if await asyncio.wait_for(reader.read(1), 1.0) == b"":
                        break
            else:
                counts[f"{kind} open at end"] = counts.get(f"{kind} open at end", 0) + 1
                continue
            cuts.append(time.monotonic() - started)
            counts[f"{kind} cut"] = counts.get(f"{kind} cut", 0) + 1
        except OSError:
            cuts.append(time.monotonic() - started)
            counts[f"{kind} cut"] = counts.get(f"{kind} cut", 0) + 1
        finally:
            writer.close()


async def attack(base: str, port: int, specs: dict[str, dict[str, object]], clients: int, seconds: float
                 ) -> tuple[dict[str, int], list[float]]:  # fmt: skip
    until = time.monotonic() + seconds
    counts: dict[str, int] = {}
    cuts: list[float] = []
    chosen = set(os.environ.get("BENCH_HOSTILE_KINDS", " ".join([*specs, *SLOW])).split())
    tasks = [
        _hostile(base, k, spec, until, counts)
        for k, spec in specs.items()
        if k in chosen
        for _ in range(clients)
    ]
    tasks += [
        _slow(port, kind, until, counts, cuts) for kind in SLOW if kind in chosen for _ in range(clients)
    ]
    await asyncio.gather(*tasks)
    return counts, cuts


def simple_stream(base: str, seconds: float, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """Simple queries one after the other (10 a second at most); their latencies in ms, and failures."""
    latencies: list[float] = []
    failures = 0
    until = time.monotonic() + seconds
    with httpx.Client(base_url=base, timeout=30) as client:
        i = 0
        while time.monotonic() < until:
            started = time.perf_counter()
            try:
                ok = (
                    client.get("/sparql", params={"query": SIMPLE[i % len(SIMPLE)]}, headers=JSON).status_code
                    == 200
                )
            except httpx.HTTPError:
                ok = False
            elapsed = time.perf_counter() - started
            latencies.append(elapsed * 1000) if ok else None
            failures += not ok
            i += 1
            time.sleep(max(0.1 - elapsed, 0))
    out.put((latencies, failures))


def measured_stream(base: str, seconds: float) -> multiprocessing.Process:
    queue: multiprocessing.Queue = multiprocessing.get_context("spawn").Queue()  # type: ignore[type-arg]
    process = multiprocessing.get_context("spawn").Process(target=simple_stream, args=(base, seconds, queue))
    process.queue = queue  # type: ignore[attr-defined]
    process.start()
    return process


class TreeSampler(threading.Thread):
    """The RSS (every 200 ms) and PSS (every second) of a process and its children, in bytes."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.rss: list[int] = []
        self.pss: list[int] = []
        self.running = True

    def tree(self) -> list[psutil.Process]:
        with contextlib.suppress(psutil.NoSuchProcess):
            return [self.root, *self.root.children(recursive=True)]
        return []

    def sample(self, pss: bool = False) -> int:
        total = 0
        for p in self.tree():
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                total += p.memory_full_info().pss if pss else p.memory_info().rss
        return total

    def run(self) -> None:
        tick = 0
        while self.running:
            self.rss.append(self.sample())
            if tick % 5 == 0:
                self.pss.append(self.sample(pss=True))
            tick += 1
            time.sleep(0.2)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)] if ordered else float("nan")


def _listener() -> tuple[socket.socket, list[int]]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    hits: list[int] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            hits.append(1)
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    return sock, hits


def run(scale: str) -> None:
    seconds = float(os.environ.get("BENCH_HOSTILE_SECONDS", 10 if scale == "small" else 60))
    clients = int(os.environ.get("BENCH_HOSTILE_CLIENTS", 20))
    results = REPO / "bench-results"
    results.mkdir(exist_ok=True)
    store, _ox, _dump, quads = prepare(145)  # ~100k quads
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIRMGRAPH_")} | {"FIRMGRAPH_TOKEN": TOKEN}
    log = results / "hostile-server.log"
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "firmgraph"), "--store", str(store), "serve", "--port", str(port)],
        env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    lines: list[str] = []

    def say(line: str) -> None:
        print(line, flush=True)
        lines.append(line)

    sock, hits = _listener()
    try:
        _wait(base + "/sparql", server, 120, "firmgraph serve")
        dump = httpx.get(base + "/exports").json()["dumps"][0]["name"]
        sampler = TreeSampler(server.pid)
        quiet = measured_stream(base, min(seconds, 20))
        quiet.join()
        quiet_ms, quiet_failed = quiet.queue.get()  # type: ignore[attr-defined]
        time.sleep(2)
        idle = statistics.median(sampler.sample() for _ in range(5))
        sampler.start()
        loud = measured_stream(base, seconds)
        counts, cuts = asyncio.run(attack(base, port, hostile_requests(f"http://127.0.0.1:{sock.getsockname()[1]}/admin",
                                                                     dump), clients, seconds))  # fmt: skip
        loud.join()
        loud_ms, loud_failed = loud.queue.get()  # type: ignore[attr-defined]
        sampler.running = False
        after_quick = sampler.sample()
        time.sleep(35)  # past the pool's idle retirement (30 s)
        after = sampler.sample()
    finally:
        _stop(server)
        sock.close()
    gb = 1 << 30
    kinds = os.environ.get("BENCH_HOSTILE_KINDS", "all 9 kinds")
    say(f"{quads:,} quads; {clients} clients of each of {kinds} for {seconds:.0f} s; {os.cpu_count()} cores")
    say(f"{'simple queries':<28}{'n':>6}{'failed':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, ms, failed in (
        ("quiet server", quiet_ms, quiet_failed),
        ("under attack", loud_ms, loud_failed),
    ):
        say(f"{name:<28}{len(ms):>6}{failed:>8}{percentile(ms, 0.5):>9.1f}{percentile(ms, 0.95):>9.1f}"
            f"{max(ms, default=float('nan')):>9.1f}")  # fmt: skip
    say(f"server tree RSS: idle {idle / gb:.2f} GB, peak {max(sampler.rss) / gb:.2f} GB (PSS peak "
        f"{max(sampler.pss, default=0) / gb:.2f} GB), right after {after_quick / gb:.2f} GB, 35 s after {after / gb:.2f} GB")  # fmt: skip
    say(f"listener hits (must be 0): {len(hits)}; slow clients cut after median "
        f"{statistics.median(cuts) if cuts else float('nan'):.1f} s")  # fmt: skip
    say(f"targets: p95 <= 100 ms {'met' if percentile(loud_ms, 0.95) <= 100 else 'MISSED'}; "
        f"RSS < 3 GB {'met' if max(sampler.rss) < 3 * gb else 'MISSED'}; "
        f"back to idle {'met' if after < idle * 1.25 else 'MISSED'}")  # fmt: skip
    say("answers by kind and status: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    (results / "hostile.txt").write_text("\n".join(lines) + "\n", "utf-8")
