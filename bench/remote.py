"""The remote store against the embedded one, and firmgraph's remote client against plain HTTP.

(a) bulk import of 1,000 record sources (validated, 2 workers): embedded vs `oxigraph serve`;
(b) trusted restore of ~1M quads of synthetic records: embedded vs `oxigraph serve`;
(c) query latency on that 1M store: firmgraph's RemoteStore (parsed results) vs a bare httpx POST
    to `oxigraph serve` (bytes only), with in-process pyoxigraph for reference.
"""

from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pyoxigraph as ox

from bench.imports import FIRMS_PER_MILLION
from firmgraph.graph.bulk import bulk_import
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from firmgraph.graph.synth import records, write_synthetic

QUERIES = {
    "ASK one triple": "ASK { ?s a <https://schema.org/NewsArticle> }",
    "lookup by name": 'SELECT ?o WHERE { ?o <https://w3id.org/firmgraph/ns#nameKey> "reuters" }',
    "events of a firm": """SELECT ?e ?n WHERE { ?o <https://w3id.org/firmgraph/ns#nameKey> "reuters" .
        ?d <https://schema.org/mentions> ?o . ?e <https://w3id.org/firmgraph/ns#reportedIn> ?d ;
        <https://w3id.org/firmgraph/ns#jobsCut> ?n } LIMIT 50""",
    "1,000 rows": "SELECT ?e ?n WHERE { ?e <https://w3id.org/firmgraph/ns#jobsCut> ?n } LIMIT 1000",
    "COUNT events": "SELECT (COUNT(?e) AS ?n) WHERE { ?e <https://w3id.org/firmgraph/ns#organization> ?o }",
    "CONSTRUCT 500": "CONSTRUCT { ?e ?p ?o } WHERE { ?e a <https://w3id.org/firmgraph/ns#Layoff> ; ?p ?o } LIMIT 500",
}


@contextmanager
def oxigraph_serve(folder: Path) -> Iterator[str]:
    """`oxigraph serve` on disk with the union default graph, on a free port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    binary = Path(sys.executable).parent / "oxigraph"
    process = subprocess.Popen(
        [
            str(binary),
            "serve",
            "--location",
            str(folder),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(url + "/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(30)


def _sources(folder: Path, n: int) -> Path:
    out = folder / "sources"
    out.mkdir()
    synthetic = records(n, seed=21)
    for i in range(n):
        record, _ = next(synthetic)
        (out / f"r{i:05}.json").write_text(json.dumps(record))
    return out


def _consume(result: object) -> object:
    return bool(result) if isinstance(result, ox.QueryBoolean) else list(result)  # type: ignore[call-overload]


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def imports(folder: Path, url: str, n: int) -> None:
    sources = _sources(folder, n)
    settings = Settings(store="unused")
    with KnowledgeGraph.open(folder / "warm-up", settings=settings) as kg:  # disk cache, imports, bytecode
        bulk_import(
            kg.store, sorted(sources.iterdir())[:20], base=settings.base_iri, max_bytes=10**7, workers=2
        )
    seconds: dict[str, float] = {}
    for name, location in (("embedded", str(folder / "import-embedded")), ("remote", url)):
        with KnowledgeGraph.open(location, settings=settings) as kg:
            seconds[name] = _timed(
                lambda kg=kg: bulk_import(  # type: ignore[misc]
                    kg.store, [sources], base=settings.base_iri, max_bytes=10**7, workers=2
                )
            )
            triples = kg.store.count()
    print(f"(a) bulk import of {n:,} record sources ({triples:,} quads), 2 workers")
    print(f"    {'store':10} {'seconds':>8} {'sources/s':>10}")
    for name, s in seconds.items():
        print(f"    {name:10} {s:8.1f} {n / s:10.1f}")
    print(f"    remote / embedded throughput: {seconds['embedded'] / seconds['remote']:.2f}x")


def restores(folder: Path, url: str, firms: int) -> None:
    dump = folder / "synth.nq"
    quads = write_synthetic(dump, firms=firms, seed=7, base=Settings().base_iri)
    settings = Settings(store="unused")
    seconds: dict[str, float] = {}
    for name, location in (("embedded", str(folder / "restore-embedded")), ("remote", url)):
        with KnowledgeGraph.open(location, settings=settings) as kg:
            kg.store.update("DROP ALL")
            kg.ensure_ontology()
            seconds[name] = _timed(lambda kg=kg: kg.restore(dump))  # type: ignore[misc]
    print(f"(b) restore of {quads:,} quads")
    print(f"    {'store':10} {'seconds':>8} {'quads/s':>10}")
    for name, s in seconds.items():
        print(f"    {name:10} {s:8.1f} {quads / s:10,.0f}")
    print(f"    remote / embedded throughput: {seconds['embedded'] / seconds['remote']:.2f}x")


def latencies(folder: Path, url: str, repeat: int) -> None:
    settings = Settings(store="unused")
    print(f"(c) query latency on the restored store, median of {repeat} (ms)")
    print(f"    {'query':18} {'pyoxigraph':>10} {'direct':>8} {'firmgraph':>9} {'fg/direct':>9}")
    with (
        KnowledgeGraph.open(folder / "restore-embedded", settings=settings) as local,
        KnowledgeGraph.open(url, settings=settings) as remote,
        httpx.Client() as client,
    ):
        for name, sparql in QUERIES.items():
            accept = (
                "application/n-triples" if sparql.startswith("CONSTRUCT") else "text/tab-separated-values"
            )

            def direct(sparql: str = sparql, accept: str = accept) -> None:
                client.post(
                    url + "/query", data={"query": sparql}, headers={"Accept": accept}
                ).raise_for_status()

            runs = {
                "pyoxigraph": lambda sparql=sparql: _consume(local.query(sparql)),
                "direct": direct,
                "firmgraph": lambda sparql=sparql: _consume(remote.query(sparql)),
            }
            medians = {}
            for label, fn in runs.items():
                fn()  # warm
                medians[label] = 1000 * statistics.median(_timed(fn) for _ in range(repeat))
            print(
                f"    {name:18} {medians['pyoxigraph']:10.2f} {medians['direct']:8.2f} {medians['firmgraph']:9.2f}"
                f" {medians['firmgraph'] / medians['direct']:8.2f}x"
            )


def run(scale: str) -> None:
    small = scale == "small"
    with tempfile.TemporaryDirectory(prefix="fg-bench-remote-") as tmp:
        folder = Path(tmp)
        with oxigraph_serve(folder / "server") as url:
            imports(folder, url, 100 if small else 1000)
            restores(folder, url, 100 if small else FIRMS_PER_MILLION)
            latencies(folder, url, 5 if small else 31)
