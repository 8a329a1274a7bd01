"""SPARQL endpoints side by side on a ~1M-triple synthetic graph: `firmgraph serve`, `oxigraph serve`, rdflib-endpoint.

All three serve the same quads (the union of the named graphs as default graph) at once, and the
same HTTP client asks them the same queries, interleaved, for the whole answer (JSON results,
N-Triples for CONSTRUCT):

(a) latency: the median of N runs per cookbook query (parameters bound to the synthetic graph's
    busiest firm and a spokesperson of it) and per generic query (a lookup, a GROUP BY, a
    self-join, a 2-hop neighbourhood, a CONSTRUCT), and ratios against each peer (peer / firmgraph:
    above 1 means firmgraph is faster). rdflib-endpoint gets a per-query time limit and fewer runs;
    past the limit it reports "timeout", and the next query waits until that server is idle again
    (or restarts it), so leftover work slows no one.
(b) throughput: 8 concurrent clients for a few seconds per query, answers per second.

Stores are cached in bench-results/endpoint-cache/ (restore + `oxigraph load`), so reruns start
quickly; results go to bench-results/endpoint.txt and endpoint.json. BENCH_ENDPOINT_RDFLIB=0
leaves rdflib-endpoint out (its load takes minutes).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil
import pyoxigraph as ox

from bench.imports import FIRMS_PER_MILLION
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from firmgraph.graph.sparql.cookbook import load_cookbook
from firmgraph.graph.synth.graph import write_synthetic

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "bench-results" / "endpoint-cache"
PREFIXES = "PREFIX fg: <https://w3id.org/firmgraph/ns#>\nPREFIX schema: <https://schema.org/>\n"
JSON = "application/sparql-results+json"
NT = "application/n-triples"


@dataclass
class Endpoint:
    """A running server and where its queries go."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    timeout: float
    runs: int
    restart: Callable[[], Endpoint] | None = None
    """Starts a fresh server (after a timeout) and returns its Endpoint."""
    results: dict[str, str | float] = field(default_factory=dict)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes], seconds: float, name: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            httpx.get(url, params={"query": "ASK {}"}, headers={"Accept": JSON}, timeout=5).raise_for_status()
            return
        except (httpx.TransportError, httpx.HTTPStatusError):
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{name} did not answer within {seconds:.0f} s")


def _stop_tree(process: subprocess.Popen[bytes]) -> None:
    """Stop a server and its children (the parent first, so it forks no more)."""
    children = psutil.Process(process.pid).children(recursive=True)
    process.kill()
    process.wait()
    for child in children:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# -- data ----------------------------------------------------------------------------------------


def prepare(firms: int) -> tuple[Path, Path, Path, int]:
    """The firmgraph store, the oxigraph store and the N-Quads file they share (cached per size)."""
    folder = CACHE / f"firms-{firms}"
    fg, ox_store, dump = folder / "firmgraph", folder / "oxigraph", folder / "all.nq"
    done = folder / "ready"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        synthetic = folder / "synth.nq"
        write_synthetic(synthetic, firms=firms, seed=7, base=Settings().base_iri)
        with KnowledgeGraph.open(fg, settings=Settings(store=str(fg))) as kg:
            kg.restore(synthetic)
            native = kg.store.ox  # type: ignore[attr-defined]
            native.dump(str(dump), ox.RdfFormat.N_QUADS)
        synthetic.unlink()
        binary = Path(sys.executable).parent / "oxigraph"
        subprocess.run([str(binary), "load", "--location", str(ox_store), "--file", str(dump)], check=True)
        done.touch()
    quads = sum(1 for _ in dump.open("rb"))
    return fg, ox_store, dump, quads


# -- servers -------------------------------------------------------------------------------------


def start_firmgraph(store: Path, log: Path) -> Endpoint:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIRMGRAPH_")}
    env |= {"FIRMGRAPH_QUERY_TIMEOUT": "120", "FIRMGRAPH_MAX_ROWS": str(10**8)}
    binary = Path(sys.executable).parent / "firmgraph"
    process = subprocess.Popen(
        [str(binary), "--store", str(store), "serve", "--port", str(port)],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/sparql"
    _wait(url, process, 120, "firmgraph serve")
    return Endpoint("firmgraph", url, process, timeout=120, runs=0)


def start_oxigraph(store: Path) -> Endpoint:
    port = _free_port()
    binary = Path(sys.executable).parent / "oxigraph"
    process = subprocess.Popen(
        [
            str(binary),
            "serve",
            "--location",
            str(store),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    _wait(url, process, 120, "oxigraph serve")
    return Endpoint("oxigraph", url, process, timeout=120, runs=0)


def start_rdflib(dump: Path, log: Path, timeout: float) -> Endpoint:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.endpoint", "--rdflib", str(dump), str(port)],
        cwd=REPO,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    _wait(url, process, 3600, "rdflib-endpoint")
    endpoint = Endpoint("rdflib-endpoint", url, process, timeout=timeout, runs=0)
    endpoint.restart = lambda: _restart_rdflib(endpoint)
    return endpoint


def _restart_rdflib(endpoint: Endpoint) -> Endpoint:
    """Kill the serving child (and the query it still runs); the loader forks a fresh one at once."""
    for child in psutil.Process(endpoint.process.pid).children():
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()
    _wait(endpoint.url, endpoint.process, 120, "rdflib-endpoint")
    return endpoint


def serve_rdflib(dump: str, port: int) -> None:
    """rdflib-endpoint over an rdflib Dataset whose default graph is the union of its graphs.

    The dataset is loaded once (minutes for 1M quads); a forked child serves it, and when the
    benchmark kills the child (to stop a query past its time limit) a fresh one is forked.
    """
    import gc

    import rdflib
    import uvicorn
    from rdflib_endpoint import SparqlEndpoint

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(dump, format="nquads")
    app = SparqlEndpoint(graph=dataset, public_url=f"http://127.0.0.1:{port}/")
    gc.collect()
    gc.freeze()
    while True:
        child = os.fork()
        if child == 0:
            uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
            os._exit(0)
        _, status = os.waitpid(child, 0)
        if os.WIFEXITED(status):
            return  # stopped on purpose (SIGTERM to the child), not killed


# -- queries -------------------------------------------------------------------------------------


def queries(fg_url: str) -> dict[str, str]:
    """Cookbook queries bound to the synthetic graph, then the generic ones."""
    firm = _first(
        fg_url,
        "SELECT ?name (COUNT(?e) AS ?n) WHERE { ?e fg:organization ?o . ?o schema:name ?name }"
        " GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1",
    )
    person = _first(
        fg_url,
        f'SELECT ?name WHERE {{ ?o schema:name "{firm}" . ?e fg:organization ?o ; fg:spokesperson ?p .'
        " ?p schema:name ?name } ORDER BY ?name LIMIT 1",
    )
    values = {"firm": firm, "person": person, "from": "2000-01", "to": "2030-12"}
    out = {f"cookbook: {q.slug}": q.bind(values) for q in load_cookbook()}
    name = ox.Literal(firm)
    out |= {
        "lookup by name": f"{PREFIXES}SELECT ?o WHERE {{ ?o schema:name {name} }}",
        "GROUP BY firm": f"{PREFIXES}SELECT ?o (COUNT(?e) AS ?events) (SUM(?n) AS ?jobs) WHERE "
        "{ ?e fg:organization ?o ; fg:jobsCut ?n } GROUP BY ?o ORDER BY DESC(?jobs) LIMIT 20",
        "self-join": f"{PREFIXES}SELECT ?a ?b WHERE {{ ?a fg:organization ?o ; fg:jobsCut ?n . "
        "?b fg:organization ?o ; fg:jobsCut ?n . FILTER (STR(?a) < STR(?b)) } LIMIT 1000",
        "2-hop neighbourhood": f"{PREFIXES}SELECT DISTINCT ?x ?y WHERE {{ ?f schema:name {name} . "
        "{ ?f ?p ?x . ?x ?q ?y } UNION { ?x ?p ?f . ?x ?q ?y } }",
        "CONSTRUCT events": f"{PREFIXES}CONSTRUCT {{ ?e ?p ?v }} WHERE {{ ?f schema:name {name} . "
        "?e fg:organization ?f ; ?p ?v }",
    }
    return out


def _first(url: str, query: str) -> str:
    response = httpx.post(url, data={"query": PREFIXES + query}, headers={"Accept": JSON}, timeout=120)
    response.raise_for_status()
    return str(response.json()["results"]["bindings"][0]["name"]["value"])


def _accept(query: str) -> str:
    return NT if "CONSTRUCT" in query.split("WHERE")[0].upper() else JSON


def _size(response: httpx.Response) -> int:
    """Rows (SELECT), 1 (ASK) or triples (CONSTRUCT) in an answer."""
    if response.headers.get("content-type", "").startswith(NT):
        return response.content.count(b"\n")
    body = response.json()
    return len(body["results"]["bindings"]) if "results" in body else 1


def ask(client: httpx.Client, endpoint: Endpoint, query: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.post(
        endpoint.url, data={"query": query}, headers={"Accept": _accept(query)}, timeout=endpoint.timeout
    )
    seconds = time.perf_counter() - started
    response.raise_for_status()
    return seconds, _size(response)


# -- measuring -----------------------------------------------------------------------------------


def _cpu(pid: int) -> float:
    root = psutil.Process(pid)
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):
            times = process.cpu_times()
            total += times.user + times.system
    return total


def settle(endpoint: Endpoint, patience: float = 20.0) -> Endpoint:
    """Wait until a server is idle (abandoned queries done), else restart it; returns the server to use."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        before = _cpu(endpoint.process.pid)
        time.sleep(1.0)
        if _cpu(endpoint.process.pid) - before < 0.1:
            return endpoint
    return endpoint.restart() if endpoint.restart else endpoint


def latency(endpoints: list[Endpoint], named: dict[str, str], runs: int, print_: object) -> dict[str, dict]:
    out: dict[str, dict] = {}
    with httpx.Client() as client:
        for label, query in named.items():
            row: dict[str, object] = {}
            for i, endpoint in enumerate(endpoints):
                try:
                    seconds, size = ask(client, endpoint, query)  # warm-up, and the answer's size
                    times = [seconds]
                    budget = endpoint.runs or runs
                    if endpoint.name == "rdflib-endpoint" and seconds > 2:
                        budget = 1
                    times = [ask(client, endpoint, query)[0] for _ in range(budget)] if budget > 1 else times
                    row[endpoint.name] = (statistics.median(times), size)
                except httpx.TimeoutException:
                    row[endpoint.name] = ("timeout", None)
                    endpoints[i] = settle(endpoint)
                except httpx.HTTPStatusError as e:
                    row[endpoint.name] = (f"HTTP {e.response.status_code}", None)
            out[label] = row
            print_(_latency_line(label, row))  # type: ignore[operator]
    return out


def _latency_line(label: str, row: dict[str, object]) -> str:
    def ms(value: object) -> str:
        return f"{value * 1000:9.1f}" if isinstance(value, float) else f"{value!s:>9}"

    fg = row["firmgraph"][0]  # type: ignore[index]
    cells = [ms(row[name][0]) for name in row]  # type: ignore[index]
    ratios = []
    for name in row:
        if name == "firmgraph":
            continue
        peer = row[name][0]  # type: ignore[index]
        ratios.append(
            f"{peer / fg:8.2f}x" if isinstance(peer, float) and isinstance(fg, float) else f"{peer!s:>9}"
        )
    sizes = {row[name][1] for name in row if row[name][1] is not None}  # type: ignore[index]
    mark = "" if len(sizes) <= 1 else f"  (answer sizes differ: {sorted(sizes)})"
    return f"{label[:44]:44} {' '.join(cells)}  {' '.join(ratios)}  {max(sizes, default=0):>7}{mark}"


async def _throughput(url: str, query: str, clients: int, seconds: float, timeout: float) -> float:
    done = 0
    deadline = time.monotonic() + seconds
    headers = {"Accept": _accept(query)}

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal done
        while time.monotonic() < deadline:
            response = await client.post(url, data={"query": query}, headers=headers)
            await response.aread()
            if response.status_code == 200 and time.monotonic() <= deadline:
                done += 1

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:
        tasks = [asyncio.create_task(worker(client)) for _ in range(clients)]
        try:
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + timeout)
        except (TimeoutError, httpx.TimeoutException):
            for task in tasks:
                task.cancel()
    return done / seconds


def throughput(endpoints: list[Endpoint], named: dict[str, str], seconds: float, print_: object) -> dict:
    out: dict[str, dict[str, float | str]] = {}
    for label, query in named.items():
        row: dict[str, float | str] = {}
        for i, endpoint in enumerate(endpoints):
            try:
                row[endpoint.name] = asyncio.run(
                    _throughput(endpoint.url, query, 8, seconds, endpoint.timeout)
                )
            except httpx.TransportError as e:
                row[endpoint.name] = type(e).__name__
            endpoints[i] = settle(endpoint)  # requests cut off at the end may still run there
        out[label] = row
        fg = row["firmgraph"]
        ratios = " ".join(
            f"{fg / v:8.2f}x" if isinstance(v, float) and v > 0 and isinstance(fg, float) else f"{'n/a':>9}"
            for k, v in row.items()
            if k != "firmgraph"
        )
        cells = " ".join(f"{v:9.1f}" if isinstance(v, float) else f"{v:>9}" for v in row.values())
        print_(f"{label[:44]:44} {cells}  {ratios}")  # type: ignore[operator]
    return out


# -- the run -------------------------------------------------------------------------------------


def run(scale: str) -> None:
    small = scale == "small"
    firms = 60 if small else FIRMS_PER_MILLION
    runs, rdflib_runs, rdflib_timeout, window = (3, 1, 30.0, 2.0) if small else (11, 3, 30.0, 5.0)
    results = REPO / "bench-results"
    results.mkdir(exist_ok=True)
    lines: list[str] = []

    def say(line: str) -> None:
        print(line, flush=True)
        lines.append(line)

    with_rdflib = os.environ.get("BENCH_ENDPOINT_RDFLIB", "1") != "0"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    fg_store, ox_store, dump, quads = prepare(firms)
    with ExitStack() as stack:
        log = results / "endpoint-servers.log"
        log.write_bytes(b"")
        firmgraph = start_firmgraph(fg_store, log)
        stack.callback(lambda: _stop(firmgraph.process))
        oxigraph = start_oxigraph(ox_store)
        stack.callback(lambda: _stop(oxigraph.process))
        endpoints = [firmgraph, oxigraph]
        if with_rdflib:
            started = time.monotonic()
            rdflib_ep = start_rdflib(dump, log, rdflib_timeout)
            rdflib_ep.runs = rdflib_runs
            stack.callback(lambda: _stop_tree(rdflib_ep.process))
            endpoints.append(rdflib_ep)
            say(f"{quads:,} quads; rdflib-endpoint loaded them in {time.monotonic() - started:.0f} s")
        named = queries(firmgraph.url)

        rdflib_note = (
            f" ({rdflib_runs} for rdflib-endpoint, limit {rdflib_timeout:g} s)" if with_rdflib else ""
        )
        say(f"\n(a) latency, median of {runs} runs{rdflib_note}, ms;")
        say("    ratio = peer / firmgraph (above 1: firmgraph is faster)")
        peers = [e.name.split("-")[0] for e in endpoints[1:]]
        columns = "".join(f"{e.name.split('-')[0]:>10}" for e in endpoints)
        say(f"{'query':44}{columns}  " + " ".join(f"{p[:6] + '/fg':>9}" for p in peers) + f"  {'answer':>7}")
        lat = latency(endpoints, named, runs, say)

        mix = ["lookup by name", "GROUP BY firm", "cookbook: announced-by-and-via", "CONSTRUCT events"]
        say(f"\n(b) throughput, 8 concurrent clients for {window:g} s, answers/s; ratio = firmgraph / peer")
        say(f"{'query':44}{columns}  " + " ".join(f"{'fg/' + p[:6]:>9}" for p in peers))
        thr = throughput(endpoints, {k: named[k] for k in mix}, window, say)

    name = "endpoint" if with_rdflib else "endpoint-without-rdflib"
    (results / f"{name}.txt").write_text("\n".join(lines) + "\n")
    (results / f"{name}.json").write_text(
        json.dumps({"quads": quads, "runs": runs, "latency": lat, "throughput": thr}, indent=1, default=str)
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--rdflib"]:
        serve_rdflib(sys.argv[2], int(sys.argv[3]))
