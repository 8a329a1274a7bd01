"""The remote store against the embedded one, and queries through firmgraph against plain HTTP.

(a) validated bulk import of 1,000 synthetic articles (extraction and SHACL in 2 workers): embedded
    store vs `oxigraph serve`, each run into an empty store, runs interleaved;
(b) ~1M quads of synthetic records restored (trusted bulk load, no SHACL): embedded vs `oxigraph serve`;
(c) query latency on that 1M store, all interleaved: a bare httpx POST straight to `oxigraph serve`
    (bytes only, the reference), firmgraph's RemoteStore (Python API, parsed results), and a
    `firmgraph serve` endpoint whose store is the same `oxigraph serve` (bytes only), with
    in-process pyoxigraph on the embedded copy for scale.

Medians of repeated runs (the machine is shared and noisy); ratios are of medians. Results go
to bench-results/remote.txt and remote.json.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import httpx
import pyoxigraph as ox

from bench.imports import FIRMS_PER_MILLION
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.pipeline.bulk import bulk_import
from firmgraph.graph.settings import Settings
from firmgraph.graph.synth.articles import write_articles
from firmgraph.graph.synth.graph import write_synthetic

REPO = Path(__file__).resolve().parent.parent
FG = "https://w3id.org/firmgraph/ns#"
QUERIES = {
    "ASK one triple": "ASK { ?s a <https://schema.org/NewsArticle> }",
    "lookup by name": f'SELECT ?o WHERE {{ ?o <{FG}nameKey> "reuters" }}',
    "events of a firm": f"""SELECT ?e ?n WHERE {{ ?o <{FG}nameKey> "reuters" .
        ?d <https://schema.org/mentions> ?o . ?e <{FG}reportedIn> ?d ; <{FG}jobsCut> ?n }} LIMIT 50""",
    "1,000 rows": f"SELECT ?e ?n WHERE {{ ?e <{FG}jobsCut> ?n }} LIMIT 1000",
    "COUNT events": f"SELECT (COUNT(?e) AS ?n) WHERE {{ ?e <{FG}organization> ?o }}",
    "CONSTRUCT 500": f"CONSTRUCT {{ ?e ?p ?o }} WHERE {{ ?e a <{FG}Layoff> ; ?p ?o }} LIMIT 500",
}
ACCEPT = "text/tab-separated-values, application/sparql-results+json;q=0.9, application/n-triples;q=0.8"
"""What every HTTP client here asks for: the formats RemoteStore asks oxigraph serve for."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with {process.returncode}")
        try:
            httpx.get(url + "/", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer within {seconds:g} s")


@contextmanager
def _server(command: list[str], url: str, env: dict[str, str] | None = None) -> Iterator[str]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        _wait(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(30)


def oxigraph_serve(folder: Path) -> AbstractContextManager[str]:
    """`oxigraph serve` on disk with the union default graph, on a free port."""
    port = _free_port()
    binary = Path(sys.executable).parent / "oxigraph"
    command = [str(binary), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"]
    return _server([*command, "--union-default-graph"], f"http://127.0.0.1:{port}")


def firmgraph_serve(store: str) -> AbstractContextManager[str]:
    """`firmgraph serve` over a store (here: the remote one), on a free port."""
    port = _free_port()
    command = [sys.executable, "-m", "firmgraph.api.cli", "--store", store, "serve", "--port", str(port)]
    return _server(command, f"http://127.0.0.1:{port}", env=dict(os.environ))


def _consume(result: object) -> object:
    return bool(result) if isinstance(result, ox.QueryBoolean) else list(result)  # type: ignore[call-overload]


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


class Report:
    """Lines printed as they come and kept for bench-results/remote.txt; numbers for remote.json."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.numbers: dict[str, object] = {}

    def say(self, line: str) -> None:
        print(line, flush=True)
        self.lines.append(line)


def imports(folder: Path, url: str, n: int, repeat: int, report: Report) -> None:
    sources = write_articles(folder / "articles", n, seed=21)
    settings = Settings(store="unused")
    with KnowledgeGraph.open(folder / "warm-up", settings=settings) as kg:  # disk cache, imports, bytecode
        bulk_import(
            kg.store, sorted(sources.iterdir())[:20], base=settings.base_iri, max_bytes=10**7, workers=2
        )
    seconds: dict[str, list[float]] = {"embedded": [], "remote": []}
    quads: dict[str, int] = {}
    for run in range(repeat):
        for name in ("embedded", "remote"):
            location = url if name == "remote" else str(folder / f"import-embedded-{run}")
            with KnowledgeGraph.open(location, settings=settings) as kg:
                if name == "remote":
                    kg.store.update("DROP ALL")
                    kg.ensure_ontology()
                started = time.perf_counter()
                summary = bulk_import(kg.store, [sources], base=settings.base_iri, max_bytes=10**7, workers=2)
                seconds[name].append(time.perf_counter() - started)
                assert summary.imported == n, summary
                quads[name] = kg.store.count()
    _table(report, f"(a) validated bulk import of {n:,} synthetic articles, 2 workers", "sources", n, seconds)
    report.say(f"    quads stored: embedded {quads['embedded']:,}, remote {quads['remote']:,}")
    report.numbers["import"] = {"articles": n, "seconds": seconds, "quads": quads}


def restores(folder: Path, url: str, firms: int, repeat: int, report: Report) -> None:
    dump = folder / "synth.nq"
    quads = write_synthetic(dump, firms=firms, seed=7, base=Settings().base_iri)
    settings = Settings(store="unused")
    seconds: dict[str, list[float]] = {"embedded": [], "remote": []}
    for run in range(repeat):
        for name in ("embedded", "remote"):
            location = url if name == "remote" else str(folder / f"restore-embedded-{run}")
            with KnowledgeGraph.open(location, settings=settings) as kg:
                kg.store.update("DROP ALL")
                kg.ensure_ontology()
                seconds[name].append(_timed(lambda kg=kg: kg.restore(dump)))  # type: ignore[misc]
    _table(report, f"(b) restore of {quads:,} quads of synthetic records (no SHACL)", "quads", quads, seconds)
    report.numbers["restore"] = {"quads": quads, "seconds": seconds}


def _table(report: Report, title: str, unit: str, n: int, seconds: dict[str, list[float]]) -> None:
    runs = len(seconds["embedded"])
    report.say(f"{title}; median of {runs} run(s)")
    report.say(f"    {'store':10} {'seconds':>8} {unit + '/s':>11}   all runs (s)")
    medians = {name: statistics.median(times) for name, times in seconds.items()}
    for name, times in seconds.items():
        every = " ".join(f"{t:.1f}" for t in times)
        report.say(f"    {name:10} {medians[name]:8.1f} {n / medians[name]:11,.1f}   {every}")
    report.say(f"    remote / embedded throughput: {medians['embedded'] / medians['remote']:.2f}x")


def latencies(folder: Path, url: str, repeat: int, report: Report) -> None:
    settings = Settings(store="unused")
    embedded = folder / "restore-embedded-0"
    with (
        KnowledgeGraph.open(embedded, settings=settings) as local,
        KnowledgeGraph.open(url, settings=settings) as remote,
        firmgraph_serve(url) as endpoint,
        httpx.Client(timeout=120) as client,
    ):

        def post(target: str, sparql: str) -> None:
            client.post(target, data={"query": sparql}, headers={"Accept": ACCEPT}).raise_for_status()

        labels = ["direct", "firmgraph API", "firmgraph serve", "pyoxigraph"]
        report.say(f"(c) query latency on the restored store, median of {repeat} interleaved runs (ms)")
        report.say("    direct: POST to oxigraph serve (bytes); firmgraph API: RemoteStore.query (parsed);")
        report.say(
            "    firmgraph serve: its /sparql over the same oxigraph serve (bytes); pyoxigraph: in-process;"
        )
        report.say(
            "    every HTTP client asks for the same formats (TSV, else JSON; N-Triples for CONSTRUCT)"
        )
        header = " ".join(f"{label:>15}" for label in labels)
        report.say(f"    {'query':18} {header} {'API/direct':>10} {'serve/direct':>12}")
        rows = {}
        for name, sparql in QUERIES.items():
            runs: dict[str, Callable[[], object]] = {
                "direct": lambda sparql=sparql: post(url + "/query", sparql),  # type: ignore[misc]
                "firmgraph API": lambda sparql=sparql: _consume(remote.query(sparql)),  # type: ignore[misc]
                "firmgraph serve": lambda sparql=sparql: post(endpoint + "/sparql", sparql),  # type: ignore[misc]
                "pyoxigraph": lambda sparql=sparql: _consume(local.query(sparql)),  # type: ignore[misc]
            }
            times: dict[str, list[float]] = {label: [] for label in labels}
            for fn in runs.values():
                fn()  # warm
            for _ in range(repeat):
                for label, fn in runs.items():
                    times[label].append(_timed(fn))
            ms = {label: 1000 * statistics.median(t) for label, t in times.items()}
            rows[name] = ms
            cells = " ".join(f"{ms[label]:15.2f}" for label in labels)
            report.say(
                f"    {name:18} {cells} {ms['firmgraph API'] / ms['direct']:9.2f}x"
                f" {ms['firmgraph serve'] / ms['direct']:11.2f}x"
            )
        report.numbers["latency_ms"] = rows


def run(scale: str) -> None:
    small = scale == "small"
    report = Report()
    try:
        with tempfile.TemporaryDirectory(prefix="fg-bench-remote-") as tmp:
            folder = Path(tmp)
            with oxigraph_serve(folder / "server") as url:
                imports(folder, url, 100 if small else 1000, 1 if small else 3, report)
                restores(folder, url, 100 if small else FIRMS_PER_MILLION, 1 if small else 3, report)
                latencies(folder, url, 5 if small else 31, report)
    finally:  # keep what was measured, even when a later part fails
        out = REPO / "bench-results"
        out.mkdir(exist_ok=True)
        suffix = "-small" if small else ""
        (out / f"remote{suffix}.txt").write_text("\n".join(report.lines) + "\n", encoding="utf-8")
        (out / f"remote{suffix}.json").write_text(json.dumps(report.numbers, indent=1), encoding="utf-8")
