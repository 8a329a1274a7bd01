"""Network views: a networkx graph from `graph.network` drawn with vis-network, offline, in one HTML page.

Nodes are coloured and shaped by kind and sized by jobs cut; edges are labelled by relation;
hovering shows the facts, the evidence quote and the entity page link (clicking keeps them in
the side panel). Past `cap` nodes the least central are folded into one "N more" node. Small
graphs are laid out by physics that is switched off once stable; large ones get positions
computed here, so they appear at once and never move.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from typing import Any

import networkx as nx
from pyvis.network import Network

from firmgraph.graph.views.pages import entity_link, page, script_json

__all__ = ["KIND_STYLE", "OfflineNetwork", "render_network", "to_pyvis", "view_data"]

KIND_STYLE: dict[str, tuple[str, str, str]] = {
    "firm": ("#1f77b4", "dot", "firm"),
    "unit": ("#9ecae1", "dot", "business unit"),
    "person": ("#2ca02c", "diamond", "person"),
    "event": ("#d62728", "triangle", "restructuring event"),
    "article": ("#ff7f0e", "square", "article"),
    "filing": ("#8c564b", "triangleDown", "filing"),
    "outlet": ("#9467bd", "star", "news outlet"),
    "regulator": ("#7f7f7f", "hexagon", "regulator"),
    "other": ("#bbbbbb", "dot", "other"),
    "more": ("#eeeeee", "ellipse", "folded nodes"),
}
"""kind -> (colour, vis shape, legend text)."""
PHYSICS_UP_TO = 150
"""Graphs with more nodes get server-side positions instead of a physics layout."""
EDGE_LABELS_UP_TO = 1500
BETWEENNESS_UP_TO = 1000
"""Views of more nodes show degree and community but not betweenness (seconds to estimate)."""
ANALYTICS = ("degree", "betweenness", "community", "component")
MORE = "_more"
_FACTS = (
    ("event_type", "type"),
    ("jobs_cut", "jobs cut"),
    ("events", "events"),
    ("announced", "announced"),
    ("effective_by", "completed by"),
    ("reported", "first reported"),
    ("published", "published"),
    ("language", "language"),
    ("form", "form"),
    ("reasons", "reasons"),
    ("degree", "links"),
    ("betweenness", "betweenness"),
    ("community", "community"),
)


def _fact(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def _tip(title: str, facts: list[tuple[str, Any]], quotes: list[str], link: str | None) -> str:
    """Tooltip markup; every value is escaped."""
    parts = [f"<b>{html.escape(title)}</b>"]
    if facts:
        rows = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(_fact(v))}</dd>" for k, v in facts)
        parts.append(f"<dl>{rows}</dl>")
    parts.extend(f"<blockquote>“{html.escape(q)}”</blockquote>" for q in quotes[:3])
    if link:
        parts.append(f'<a href="{html.escape(link, quote=True)}" target="_blank">entity page</a>')
    return "".join(parts)


def _keep(graph: nx.Graph, cap: int) -> list[str]:
    """The nodes to draw: all when they fit, else the focus and the nearest, best connected ones."""
    if graph.number_of_nodes() <= cap:
        return list(graph)
    focus = graph.graph.get("focus")
    degree = dict(graph.degree())

    def rank(n: str) -> tuple[Any, ...]:
        a = graph.nodes[n]
        return (n != focus, a.get("distance", 0), -degree[n], -(a.get("jobs_cut") or 0), n)

    return sorted(graph, key=rank)[: cap - 1]


def _positions(graph: nx.Graph, nodes: list[str], spacing: float = 40.0) -> dict[str, tuple[float, float]]:
    """Groups (communities when computed, else components) as sunflower discs packed in rows; hubs central."""
    sub = graph.subgraph(nodes)
    groups: dict[Any, list[str]] = {}
    if all("community" in sub.nodes[n] for n in sub):
        for n in sub:
            groups.setdefault(sub.nodes[n]["community"], []).append(n)
    else:
        undirected = sub.to_undirected(as_view=True) if sub.is_directed() else sub
        for i, part in enumerate(nx.connected_components(undirected)):
            groups[i] = list(part)
    degree = dict(sub.degree())
    ordered = sorted(groups.values(), key=lambda g: (-len(g), min(g)))
    area = sum(math.pi * (spacing * math.sqrt(len(g)) + spacing) ** 2 for g in ordered)
    row_width = max(math.sqrt(area) * 1.3, spacing * 4)
    golden = math.pi * (3 - math.sqrt(5))
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for members in ordered:
        radius = spacing * math.sqrt(len(members)) + spacing
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + radius, y + radius
        for i, n in enumerate(sorted(members, key=lambda m: (-degree[m], m))):
            r = spacing * math.sqrt(i)
            placed[n] = (round(cx + r * math.cos(i * golden), 1), round(cy + r * math.sin(i * golden), 1))
        x += 2 * radius
        row_height = max(row_height, 2 * radius)
    return placed


def view_data(
    graph: nx.Graph,
    *,
    cap: int = 500,
    base_iri: str | None = None,
    link_base: str = "/",
    analytics: bool = True,
) -> dict[str, Any]:
    """vis-network nodes, edges and options for a graph from `graph.network`, with its legend.

    Args:
        cap: at most this many nodes are drawn; the rest become one "N more" node.
        base_iri: data IRIs under it link to their entity page at link_base + their path.
        analytics: compute degree, betweenness and communities of the drawn nodes and store them
            as attributes of those nodes in `graph`.
    """
    base_iri = base_iri or graph.graph.get("base_iri")
    keep = _keep(graph, cap)
    hidden = graph.number_of_nodes() - len(keep)
    drawn = graph.subgraph(keep)
    if analytics and len(keep):
        from firmgraph.graph.views.analytics import annotate

        view = graph.subgraph(keep).copy()
        annotate(view, betweenness=len(keep) <= BETWEENNESS_UP_TO)
        for n, attrs in view.nodes(data=True):
            graph.nodes[n].update({k: attrs[k] for k in ANALYTICS if k in attrs})
    peak = max((graph.nodes[n].get("jobs_cut") or 0 for n in keep), default=0)
    focus = graph.graph.get("focus")
    nodes = []
    for n in keep:
        a = graph.nodes[n]
        kind = a.get("kind", "other")
        colour, shape, _ = KIND_STYLE.get(kind, KIND_STYLE["other"])
        jobs = a.get("jobs_cut") or 0
        size = 12 + 28 * math.sqrt(jobs / peak) if peak and jobs else (18 if n == focus else 10)
        facts = [(name, a[key]) for key, name in _FACTS if a.get(key) not in (None, "", [])]
        label = str(a.get("label", n))
        nodes.append(
            {
                "id": n,
                "label": label if len(label) <= 40 else label[:38] + "…",
                "kind": kind,
                "color": colour,
                "shape": shape,
                "size": round(size, 1),
                "borderWidth": 3 if n == focus else 1,
                "title": _tip(
                    label,
                    [("kind", kind), *facts],
                    a.get("evidence", []),
                    entity_link(n, base_iri, link_base),
                ),
            }
        )
    edges = []
    labelled = drawn.number_of_edges() <= EDGE_LABELS_UP_TO
    for u, v, *rest in drawn.edges(data=True, keys=True) if drawn.is_multigraph() else drawn.edges(data=True):
        data = rest[-1]
        relation = data.get("relation", "")
        weight = data.get("weight")
        label = f"{relation} ×{weight}" if weight and weight > 1 else relation
        facts = [("weight", weight)] if weight else []
        if data.get("reasons"):
            facts.append(("reasons", data["reasons"]))
        notes = list(data.get("details") or []) + list(data.get("via") or [])
        edge = {
            "from": u,
            "to": v,
            "title": _tip(
                f"{graph.nodes[u].get('label', u)} — {relation} — {graph.nodes[v].get('label', v)}",
                facts,
                notes,
                None,
            ),
            "width": min(1 + math.log2(weight), 8) if weight else 1,
        }
        if labelled:
            edge["label"] = label
        edges.append(edge)
    if hidden:
        counts = Counter(graph.nodes[n].get("kind", "other") for n in graph if n not in drawn)
        summary = ", ".join(f"{c:,} {k}" for k, c in counts.most_common())
        colour, shape, _ = KIND_STYLE["more"]
        nodes.append(
            {"id": MORE, "label": f"{hidden:,} more", "kind": "more", "color": colour, "shape": shape, "size": 16,
             "title": _tip(f"{hidden:,} more nodes not drawn (node cap {cap:,})", [("by kind", summary)], [], None)}
        )  # fmt: skip
        if focus in drawn:
            edges.append({"from": focus, "to": MORE, "dashes": True, "title": "folded nodes"})
    physics = len(nodes) <= PHYSICS_UP_TO
    if not physics:
        _fix_positions(nodes, {**_positions(graph, keep), MORE: (-80.0, -80.0)})
    options: dict[str, Any] = {
        "nodes": {"font": {"size": 12}},
        "edges": {
            "font": {"size": 9, "align": "middle", "color": "#666"},
            "color": {"color": "#b0b0b0", "highlight": "#444"},
            "smooth": {"type": "continuous"} if physics else False,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": not physics},
        "layout": {"randomSeed": 7, "improvedLayout": len(nodes) <= 100},
        "physics": (
            {"solver": "barnesHut", "barnesHut": {"gravitationalConstant": -5000, "springLength": 110},
             "stabilization": {"iterations": 250, "fit": True}}
            if physics else {"enabled": False}
        ),
    }  # fmt: skip
    if graph.is_directed():
        options["edges"]["arrows"] = {"to": {"enabled": True, "scaleFactor": 0.5}}
    kinds = sorted({n["kind"] for n in nodes}, key=list(KIND_STYLE).index)
    return {
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "legend": [
            {"kind": k, "color": KIND_STYLE[k][0], "shape": KIND_STYLE[k][1], "text": KIND_STYLE[k][2]}
            for k in kinds
        ],
        "physics": physics,
        "total": graph.number_of_nodes(),
        "hidden": hidden,
        "truncated": bool(graph.graph.get("truncated")),
    }


def _fix_positions(nodes: list[dict[str, Any]], positions: dict[str, tuple[float, float]]) -> None:
    for node in nodes:
        if node["id"] in positions:
            node["x"], node["y"] = positions[node["id"]]


def default_title(graph: nx.Graph) -> str:
    focus = graph.graph.get("focus")
    if focus is not None and focus in graph:
        return f"{graph.nodes[focus].get('label', focus)}: {graph.graph.get('hops', '')} hops"
    return f"Firms linked by {graph.graph.get('link', 'relation')}"


VIEW_JS = """
const view = JSON.parse(document.getElementById('view-data').textContent);
const tips = new Map();
for (const n of view.nodes) { tips.set('n:' + n.id, n.title); delete n.title; }
view.edges.forEach((e, i) => { e.id = i; tips.set('e:' + i, e.title); delete e.title; });
const container = document.getElementById('network');
const nodes = new vis.DataSet(view.nodes), edges = new vis.DataSet(view.edges);
const network = new vis.Network(container, {nodes, edges}, view.options);
window.network = network;
window.fgView = {nodes: nodes.length, edges: edges.length, settled: false, physics: view.physics};
const done = () => { if (!window.fgView.settled) { window.fgView.settled = true;
  document.body.dataset.settled = 'true'; } };
if (view.physics) {
  network.once('stabilizationIterationsDone', () => { network.setOptions({physics: false}); done(); });
} else { network.once('afterDrawing', done); }
const tip = document.getElementById('tip'), details = document.getElementById('details');
const hover = (key, p) => { tip.innerHTML = tips.get(key) || ''; tip.style.display = 'block';
  tip.style.left = (p.DOM.x + 14) + 'px'; tip.style.top = (p.DOM.y + 14) + 'px'; };
network.on('hoverNode', p => hover('n:' + p.node, p.pointer));
network.on('hoverEdge', p => hover('e:' + p.edge, p.pointer));
network.on('blurNode', () => { tip.style.display = 'none'; });
network.on('blurEdge', () => { tip.style.display = 'none'; });
network.on('click', p => {
  const key = p.nodes.length ? 'n:' + p.nodes[0] : p.edges.length ? 'e:' + p.edges[0] : null;
  if (key) details.innerHTML = tips.get(key);
});
"""


def render_network(
    graph: nx.Graph,
    *,
    title: str | None = None,
    controls: str = "",
    cap: int = 500,
    base_iri: str | None = None,
    link_base: str = "/",
    analytics: bool = True,
    empty: str | None = None,
) -> str:
    """One self-contained HTML page (no external URL); `controls` is trusted form markup for the header.

    `empty`: what the page says when there is nothing to draw (default: which filters to change)."""
    data = view_data(graph, cap=cap, base_iri=base_iri, link_base=link_base, analytics=analytics)
    return network_page(data, title=title or default_title(graph), controls=controls, empty=empty)


EMPTY = (
    "Nothing to draw: no entities pass these filters. Widen the dates (from, to), lower min. jobs cut,"
    " clear reason, event type, language or source, or pick another link kind."
)


def network_page(data: dict[str, Any], *, title: str, controls: str = "", empty: str | None = None) -> str:
    """The page for `view_data` output; a message in place of the canvas when there is nothing to draw."""
    legend = "".join(
        f'<span><span class="swatch {"dot" if i["shape"] in ("dot", "ellipse") else i["shape"]}" '
        f'style="background:{i["color"]}"></span>{html.escape(i["text"])}</span>'
        for i in data["legend"]
    )
    notes = []
    if data["hidden"]:
        notes.append(f"showing {len(data['nodes']) - 1:,} of {data['total']:,} nodes")
    if data["truncated"]:
        notes.append("the query hit its row limit: the graph is incomplete")
    note = f'<span class="note">{html.escape("; ".join(notes))}</span>' if notes else ""
    body = (
        f"<header><h1>{html.escape(title)}</h1>{controls}{note}</header>"
        f'<div class="legend">{legend}<span>size: jobs cut</span></div>'
        + (
            f'<p class="empty" id="empty" role="status">{html.escape(empty or EMPTY)}</p>'
            if not data["nodes"]
            else ""
        )
        + '<main><div id="network"></div><aside id="details">Click a node or an edge for its facts.</aside></main>'
        '<div id="tip" class="tip" style="position:absolute;display:none;background:#fff;'
        'border:1px solid #ccc;padding:6px;box-shadow:0 2px 6px #0002;z-index:10;pointer-events:none"></div>'
        f'<script type="application/json" id="view-data">{script_json(data)}</script>'
    )
    return page(title, body, scripts=[VIEW_JS], vis=True)


class OfflineNetwork(Network):  # type: ignore[misc]
    """A pyvis Network whose HTML inlines vis-network instead of fetching it from a CDN."""

    view: dict[str, Any]
    page_title: str

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        data = {**self.view, "nodes": self.nodes, "edges": self.edges}
        if isinstance(self.options, dict):
            data["options"] = self.options
        self.html = network_page(data, title=self.page_title)
        return self.html


def to_pyvis(graph: nx.Graph, *, title: str | None = None, **options: Any) -> OfflineNetwork:
    """A pyvis Network of the view (node and edge lists filled directly: pyvis' add_node is quadratic)."""
    data = view_data(graph, **options)
    net = OfflineNetwork(height="100%", width="100%", directed=graph.is_directed(), cdn_resources="remote")
    net.nodes, net.edges = data["nodes"], data["edges"]
    net.node_ids = [n["id"] for n in data["nodes"]]
    net.node_map = {n["id"]: n for n in data["nodes"]}
    net.options = data["options"]
    net.view = data
    net.page_title = title or default_title(graph)
    return net
