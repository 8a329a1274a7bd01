"""The rendered views: offline pages, pyvis, node caps, tooltips, legend, layout, the timeline image."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.views.filters import Filters
from firmgraph.graph.views.render import MORE, OfflineNetwork, view_data
from firmgraph.graph.views.timeline import firm_timeline
from tests.views.conftest import BASE, iri_of

EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE,
)
"""A reference to a resource elsewhere: an attribute, a CSS import or a CSS url()."""

HEADLINE = "Pinterest opfert Jobs für KI"
CORPUS = Path(__file__).parents[1] / "corpus" / "articles"


def external_references(document: str) -> list[str]:
    return [document[max(m.start() - 20, 0) : m.end() + 60] for m in EXTERNAL.finditer(document)]


def test_the_check_finds_what_pyvis_would_fetch() -> None:
    """pyvis' own page (in_line mode) references CDNs: the check must see them."""
    net = Network(cdn_resources="in_line")
    net.add_node(1)
    assert external_references(net.generate_html())


def data_of(document: str) -> dict:
    match = re.search(r'<script type="application/json" id="view-data">(.*?)</script>', document, re.S)
    assert match
    return json.loads(match.group(1).replace("<\\/", "</"))


def test_pages_are_offline_and_complete(samples: KnowledgeGraph, tmp_path: Path) -> None:
    article = iri_of(samples, HEADLINE, "schema:headline")
    ego = samples.network(article, hops=2)
    pages = {
        "ego": ego.to_html(),
        "firms": samples.network(link="co-mention").to_html(),
        "timeline": firm_timeline(samples.query).to_html(base_iri=BASE),
    }
    net = ego.to_pyvis()
    assert isinstance(net, OfflineNetwork) and isinstance(net, Network)
    net.write_html(str(tmp_path / "pyvis.html"))
    pages["pyvis"] = (tmp_path / "pyvis.html").read_text()
    for name, document in pages.items():
        assert external_references(document) == [], name
        assert "Content-Security-Policy" in document and "default-src 'none'" in document, name
    for name in ("ego", "firms", "pyvis"):
        assert "vis.Network" in pages[name] and "vis-network" in pages[name], name  # the library is inlined
    # the timeline holds no URL at all
    assert "http://" not in pages["timeline"] and "https://" not in pages["timeline"].replace(BASE, "")
    assert len(data_of(pages["pyvis"])["nodes"]) == ego.number_of_nodes()


def test_nodes_and_edges_carry_style_facts_and_links(samples: KnowledgeGraph) -> None:
    article = iri_of(samples, HEADLINE, "schema:headline")
    graph = samples.network(article, hops=2)
    data = data_of(graph.to_html())
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == set(graph) and len(data["edges"]) == graph.number_of_edges()
    tessa, amazon = iri_of(samples, "Tessa Chen"), iri_of(samples, "Amazon")
    assert nodes[tessa]["shape"] == "diamond" and nodes[amazon]["shape"] == "dot"
    assert nodes[tessa]["color"] != nodes[amazon]["color"]
    events = sorted((n for n in nodes.values() if n["kind"] == "event"), key=lambda n: n["size"])
    assert "750" in events[0]["label"] and "30,000" in events[-1]["label"]  # size by jobs cut
    link = "/" + tessa.removeprefix(BASE)
    assert f'href="{link}"' in nodes[tessa]["title"] and link.startswith("/id/person/")
    assert {e["label"] for e in data["edges"]} >= {"spokeTo", "spokesperson", "reportedIn", "memberOf"}
    legend = {item["kind"] for item in data["legend"]}
    assert legend == {graph.nodes[n]["kind"] for n in graph}
    assert all(
        "degree" in graph.nodes[n] and "community" in graph.nodes[n] for n in graph
    )  # analytics attached


def test_tooltips_quote_the_evidence(fresh_samples: KnowledgeGraph) -> None:
    (result,) = fresh_samples.import_paths([CORPUS / "harlow-foods-2026-02-09.en.txt"])
    assert result.status == "imported", result.error
    graph = fresh_samples.network(iri_of(fresh_samples, "Harlow Foods"), hops=1)
    nodes = view_data(graph)["nodes"]
    quoted = [n for n in nodes if "<blockquote>" in n["title"]]
    assert quoted, "no tooltip shows an evidence quote"
    text = (CORPUS / "harlow-foods-2026-02-09.en.txt").read_text()
    for node in quoted:
        quotes = [html.unescape(q) for q in re.findall(r"<blockquote>“(.*?)”</blockquote>", node["title"])]
        assert quotes == graph.nodes[node["id"]]["evidence"][:3]
        assert all(q in text for q in quotes)  # verbatim from the article


def test_node_cap_folds_the_rest_into_one_node(samples: KnowledgeGraph) -> None:
    article = iri_of(samples, HEADLINE, "schema:headline")
    graph = samples.network(article, hops=2)
    data = view_data(graph, cap=6)
    ids = [n["id"] for n in data["nodes"]]
    assert len(ids) == 6 and ids[-1] == MORE and article in ids
    hidden = graph.number_of_nodes() - 5
    assert data["nodes"][-1]["label"] == f"{hidden} more" and data["hidden"] == hidden
    kept = set(ids) - {MORE}
    inside = sum(1 for u, v in graph.edges() if u in kept and v in kept)
    assert len(data["edges"]) == inside + 1  # the folded node hangs off the focus
    # the nearest come first: every kept node is at most as far as every folded one
    far = max(graph.nodes[n]["distance"] for n in kept)
    assert all(graph.nodes[n]["distance"] >= far for n in set(graph) - kept)


def test_large_graphs_get_fixed_server_positions() -> None:
    graph = nx.connected_watts_strogatz_graph(1200, 4, 0.1, seed=3)
    graph = nx.relabel_nodes(graph, {n: f"n{n}" for n in graph})
    for n in graph:
        graph.nodes[n].update(kind="firm", label=n)
    first, second = view_data(graph, cap=5000), view_data(graph, cap=5000)
    assert first["physics"] is False and first["options"]["physics"] == {"enabled": False}
    positions = {n["id"]: (n["x"], n["y"]) for n in first["nodes"]}
    assert len(positions) == 1200 and len(set(positions.values())) == 1200  # no two on one spot
    assert positions == {n["id"]: (n["x"], n["y"]) for n in second["nodes"]}  # stable
    small = view_data(nx.relabel_nodes(nx.path_graph(5), str), cap=10)
    assert small["physics"] is True and small["options"]["physics"]["stabilization"]["iterations"] > 0


def test_timeline_image(samples: KnowledgeGraph, tmp_path: Path) -> None:
    timeline = firm_timeline(samples.query)
    path = timeline.save(tmp_path / "timeline.svg", base_iri=BASE)
    root = ET.parse(path).getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    circles = root.findall(".//svg:circle[@class='event']", ns)
    dated = [e for e in timeline.events if e.start and not e.parts]
    assert len(circles) == len(dated) == 3  # the 16,000 that two articles report is one event
    waves = root.findall(".//svg:rect[@class='wave']", ns)
    amazon = iri_of(samples, "Amazon")
    assert len(waves) == sum(
        1 for f in timeline.firms() for w in timeline.waves(f) if any(e.start for e in w)
    )
    assert (
        sum(1 for w in waves if "Amazon" in w.find("svg:title", ns).text) == len(timeline.waves(amazon)) == 2
    )
    page = timeline.to_html(base_iri=BASE)
    assert page.count('class="event-row"') == len(timeline.events)


def test_jupyter_display_is_an_iframe_with_the_whole_page(samples: KnowledgeGraph) -> None:
    graph = samples.network(link="co-mention")
    frame = graph._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and "<script" not in frame  # escaped into the attribute
    assert html.unescape(frame.split('srcdoc="', 1)[1].split('" style=', 1)[0]) == graph.to_html()


def test_an_empty_timeline_still_renders(samples: KnowledgeGraph) -> None:
    timeline = firm_timeline(samples.query, filters=Filters.parse(language="en"))
    assert timeline.events == [] and timeline.frame().empty and timeline.totals().empty
    assert "no dated events" in timeline.to_svg() and "<table" in timeline.to_html()
