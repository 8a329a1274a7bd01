"""Network views on synthetic graphs (`firmgraph synth`): ego networks, big views in Chromium, projections.

(a) 2-hop ego network of 30 seeded entities (firms, people, articles) on ~1M triples: the graph
    query + networkx build, in-process and through the server's bounded query engine (target:
    median < 300 ms); peer: the bare SPARQL query alone; plus rendering the page on the server.
(b) a 5,000-node view rendered and settled in real Chromium, network cut (target < 5 s); peers: the
    same page laid out by client physics (stabilise, then freeze), and building it with pyvis' own
    add_node/add_edge API.
(c) firm-firm projections over 10,000 firms (target < 5 s); peer for shared people: SPARQL edge list
    plus networkx's bipartite weighted projection.

Stores are cached in bench-results/views-cache/ (a restore of the synthetic dump), so reruns are quick.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from firmgraph.graph.sparql.engine import QueryJob, open_engine
from firmgraph.graph.synth.graph import write_synthetic
from firmgraph.graph.views.filters import Filters
from firmgraph.graph.views.network import ego_network, ego_query
from firmgraph.graph.views.projections import firm_network
from firmgraph.graph.views.render import render_network, to_pyvis, view_data

FIRMS_PER_MILLION = 1450
CACHE = Path("bench-results") / "views-cache"
TSV = "text/tab-separated-values"


def _store(firms: int) -> Path:
    """A store with the synthetic graph of `firms` firms (built once, then reused)."""
    store = CACHE / f"store-{firms}"
    if (store / "complete").is_file():
        return store
    CACHE.mkdir(parents=True, exist_ok=True)
    dump = CACHE / f"synth-{firms}.nq"
    t = time.perf_counter()
    if not dump.is_file():
        write_synthetic(dump, firms=firms, seed=7, base=Settings().base_iri)
    with KnowledgeGraph.open(store, settings=Settings(store=str(store))) as kg:
        quads = kg.restore(dump)
    (store / "complete").write_text(str(quads))
    print(f"    built {store} ({quads:,} quads, {time.perf_counter() - t:.0f} s)", flush=True)
    return store


def _median_ms(times: list[float]) -> str:
    return f"{1000 * statistics.median(times):9.1f}"


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return times, result


def _sample(kg: KnowledgeGraph, cls: str, n: int, seed: int) -> list[str]:
    rows = kg.query_df(f"SELECT ?x WHERE {{ ?x a <{cls}> }} ORDER BY ?x LIMIT 20000")
    items = [str(x) for x in rows["x"]]
    return random.Random(seed).sample(items, min(n, len(items)))


def ego(kg: KnowledgeGraph, repeat: int) -> None:
    focuses = (
        _sample(kg, "http://www.w3.org/ns/org#Organization", 10, 1)
        + _sample(kg, "https://schema.org/Person", 10, 2)
        + _sample(kg, "https://schema.org/NewsArticle", 10, 3)
    )
    engine = open_engine(kg.store, timeout=30)

    def through_engine(query: str) -> Any:
        import pyoxigraph as ox

        body = engine.execute(QueryJob(query, tabular=TSV)).body
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)

    results: dict[str, list[float]] = {
        "bare SPARQL (peer)": [],
        "ego_network": [],
        "ego_network via engine": [],
    }
    render: list[float] = []
    sizes = []
    try:
        through_engine("SELECT * WHERE { ?s ?p ?o } LIMIT 1")  # workers up
        for focus in focuses:
            text = ego_query(focus, 2, Filters(), 200_000)
            results["bare SPARQL (peer)"] += _timed(lambda text=text: sum(1 for _ in kg.query(text)), repeat)[
                0
            ]
            times, graph = _timed(lambda focus=focus: ego_network(kg.query, focus, 2), repeat)
            results["ego_network"] += times
            results["ego_network via engine"] += _timed(
                lambda focus=focus: ego_network(through_engine, focus, 2), repeat
            )[0]
            render += _timed(lambda graph=graph: render_network(graph, cap=500), 1)[0]
            sizes.append(graph.number_of_nodes())
    finally:
        engine.close()
    peer = statistics.median(results["bare SPARQL (peer)"])
    print(f"(a) 2-hop ego network, {len(focuses)} focuses x {repeat} runs; nodes: median {statistics.median(sizes):.0f}, "
          f"max {max(sizes)}")  # fmt: skip
    print("    step                          median ms   p90 ms   vs bare SPARQL")
    for name, times in results.items():
        p90 = sorted(times)[int(0.9 * len(times))]
        print(
            f"    {name:28s} {_median_ms(times)} {1000 * p90:8.1f}   {statistics.median(times) / peer:6.2f}x"
        )
    print(f"    render page (server)         {_median_ms(render)}   target: ego_network < 300 ms")


def _big_graph(kg: KnowledgeGraph, nodes: int) -> nx.Graph:
    """A real ego network with at least `nodes` nodes: around the busiest outlet."""
    outlets = kg.query_df(
        "PREFIX schema: <https://schema.org/> SELECT ?o (COUNT(?a) AS ?n) WHERE { ?a schema:mentions|schema:publisher ?o "
        ". ?o a <https://w3id.org/firmgraph/ns#NewsOutlet> } GROUP BY ?o ORDER BY DESC(?n) LIMIT 1"
    )
    for hops in (2, 3):
        graph = ego_network(kg.query, str(outlets["o"][0]), hops)
        if graph.number_of_nodes() >= nodes:
            return graph
    return graph


def browser_view(kg: KnowledgeGraph, nodes: int, repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    graph = _big_graph(kg, nodes)
    render_times, page = _timed(lambda: render_network(graph, cap=nodes), 3)
    folder = Path(tempfile.mkdtemp(prefix="views-bench-"))
    positioned = folder / "positions.html"
    positioned.write_text(page, encoding="utf-8")
    data = view_data(graph, cap=nodes)
    physics = folder / "physics.html"
    from firmgraph.graph.views.render import network_page

    for node in data["nodes"]:
        node.pop("x", None), node.pop("y", None)
    data["physics"] = True
    data["options"]["physics"] = {"solver": "barnesHut", "stabilization": {"iterations": 400}}
    physics.write_text(network_page(data, title="physics"), encoding="utf-8")
    drawn = len(data["nodes"])
    results: dict[str, list[float]] = {"server positions (firmgraph)": [], "client physics, then frozen": []}
    outside: list[str] = []
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, path, runs in (
            ("server positions (firmgraph)", positioned, repeat),
            ("client physics, then frozen", physics, 1),
        ):
            for _ in range(runs):
                context = chromium.new_context(viewport={"width": 1400, "height": 900})
                context.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith("file:") else (outside.append(r.request.url), r.abort()),
                )  # fmt: skip
                tab = context.new_page()
                t = time.perf_counter()
                tab.goto(path.as_uri())
                try:
                    tab.wait_for_function("() => window.fgView && window.fgView.settled", timeout=120_000)
                    results[name].append(time.perf_counter() - t)
                except Exception:
                    results[name].append(float("inf"))
                shown = tab.evaluate("network.body.data.nodes.length")
                assert shown == drawn, (shown, drawn)
                context.close()
        chromium.close()
    assert not outside, outside
    pyvis_native = _timed(lambda: _pyvis_native(data), 1)[0]
    ours = _timed(lambda: to_pyvis(graph, cap=nodes), 3)[0]
    base = statistics.median(results["server positions (firmgraph)"])
    print(
        f"(b) a {drawn:,}-node, {len(data['edges']):,}-edge view (of {graph.number_of_nodes():,}) in Chromium, network cut"
    )
    print(f"    render HTML on the server: {_median_ms(render_times).strip()} ms (median of 3)")
    print("    layout                         load+settle s   vs firmgraph")
    for name, times in results.items():
        median = statistics.median(times)
        shown = f"{median:12.2f}" if median != float("inf") else "  not in 120"
        print(f"    {name:30s} {shown}   {median / base:7.2f}x")
    print(f"    build pyvis Network: firmgraph to_pyvis {statistics.median(ours):.2f} s, "
          f"pyvis add_node/add_edge {pyvis_native[0]:.2f} s ({pyvis_native[0] / statistics.median(ours):.1f}x); "
          "target: < 5 s in Chromium")  # fmt: skip


def _pyvis_native(data: dict[str, Any]) -> str:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="remote")
    for node in data["nodes"]:
        net.add_node(
            node["id"], label=node["label"], color=node["color"], shape=node["shape"], title=node["title"]
        )
    for edge in data["edges"]:
        net.add_edge(edge["from"], edge["to"], title=edge["title"])
    return net.generate_html()  # type: ignore[no-any-return]


def projections(kg: KnowledgeGraph, firms: int, repeat: int) -> None:
    print(f"(c) firm-firm projections over {firms:,} firms (median of {repeat})")
    print("    link             seconds   firms   links   vs target 5 s")
    for link in ("shared-people", "co-mention", "wave"):
        times, graph = _timed(lambda link=link: firm_network(kg.query, link), repeat)
        median = statistics.median(times)
        print(
            f"    {link:15s} {median:8.2f} {graph.number_of_nodes():7,} {graph.number_of_edges():7,}   {median / 5:.2f}x"
        )
    query = (
        "PREFIX org: <http://www.w3.org/ns/org#> PREFIX schema: <https://schema.org/> "
        "SELECT ?p ?f WHERE { ?p a schema:Person ; org:memberOf ?f }"
    )

    def bipartite() -> nx.Graph:
        edges = [(("p", r["p"].value), ("f", r["f"].value)) for r in kg.query(query)]
        graph = nx.Graph(edges)
        return nx.bipartite.weighted_projected_graph(graph, [n for n in graph if n[0] == "f"])

    peer_times, peer = _timed(bipartite, repeat)
    print(f"    peer: SPARQL + networkx bipartite projection (shared people): {statistics.median(peer_times):.2f} s, "
          f"{peer.number_of_edges():,} links among all {peer.number_of_nodes():,} firms")  # fmt: skip


def run(scale: str) -> None:
    """All three parts; BENCH_VIEWS_PARTS=a,c picks some."""
    small = scale == "small"
    parts = set(os.environ.get("BENCH_VIEWS_PARTS", "a,b,c").split(","))
    million = 60 if small else FIRMS_PER_MILLION
    many = 120 if small else 10_000
    with KnowledgeGraph.open(_store(million), settings=Settings(store="unused")) as kg:
        print(f"    store: {kg.store.count():,} quads, {million:,} firms", flush=True)
        if "a" in parts:
            ego(kg, repeat=2 if small else 5)
        if "b" in parts:
            browser_view(kg, nodes=300 if small else 5000, repeat=1 if small else 3)
        if "c" in parts:
            projections(kg, million, repeat=1 if small else 3)
    if "c" in parts:
        with KnowledgeGraph.open(_store(many), settings=Settings(store="unused")) as kg:
            print(f"    store: {kg.store.count():,} quads, {many:,} firms", flush=True)
            projections(kg, many, repeat=1 if small else 3)
