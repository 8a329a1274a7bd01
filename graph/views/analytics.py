"""Graph analytics for the network views: centrality, communities, components, top firms by jobs cut.

Results come as DataFrames (one row per node) and, through `annotate`, as node attributes the
views show in tooltips and use for colour and size.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from firmgraph.graph.errors import InputError
from firmgraph.graph.views.timeline import Timeline, wave_jobs

__all__ = ["PERIODS", "annotate", "communities", "components", "metrics", "top_firms"]

EXACT_BETWEENNESS_UP_TO = 1000
"""Above this many nodes betweenness is estimated from a fixed sample of sources (seeded)."""
SAMPLE_SOURCES = 200
PERIODS = {"year": "Y", "quarter": "Q", "month": "M"}


def _simple(graph: nx.Graph) -> nx.Graph:
    """The undirected simple graph beneath a (multi, directed) graph; parallel edges add their weights."""
    if not graph.is_directed() and not graph.is_multigraph():
        return graph
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        weight = data.get("weight", 1)
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        else:
            simple.add_edge(u, v, weight=weight)
    return simple


def communities(graph: nx.Graph, *, seed: int = 7) -> list[set[str]]:
    """Louvain communities (weighted), largest first; ties by their smallest member, so numbering is stable."""
    simple = _simple(graph)
    if simple.number_of_edges() == 0:
        found = [{n} for n in simple]
    else:
        found = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    return sorted(found, key=lambda c: (-len(c), min(c)))


def components(graph: nx.Graph) -> list[set[str]]:
    """Connected components (directions ignored), largest first."""
    found = nx.connected_components(_simple(graph))
    return sorted(found, key=lambda c: (-len(c), min(c)))


def metrics(graph: nx.Graph, *, seed: int = 7, betweenness: bool = True) -> pd.DataFrame:
    """One row per node: label, kind, degree, degree centrality, betweenness, community and component.

    Degree counts distinct neighbours. Betweenness is exact up to EXACT_BETWEENNESS_UP_TO nodes
    and estimated from SAMPLE_SOURCES seeded sources above it; betweenness=False leaves it NaN
    (it is the slow one: seconds for thousands of nodes).
    """
    simple = _simple(graph)
    n = simple.number_of_nodes()
    k = None if n <= EXACT_BETWEENNESS_UP_TO else SAMPLE_SOURCES
    between = nx.betweenness_centrality(simple, k=k, seed=seed if k else None) if n and betweenness else {}
    centrality = nx.degree_centrality(simple) if n > 1 else dict.fromkeys(simple, 0.0)
    community_of = {node: i for i, group in enumerate(communities(simple, seed=seed)) for node in group}
    component_of = {node: i for i, group in enumerate(components(simple)) for node in group}
    rows = [
        {
            "node": node,
            "label": graph.nodes[node].get("label", node),
            "kind": graph.nodes[node].get("kind"),
            "degree": simple.degree(node),
            "degree_centrality": centrality[node],
            "betweenness": between.get(node, 0.0 if betweenness else float("nan")),
            "community": community_of[node],
            "component": component_of[node],
        }
        for node in simple
    ]
    columns = [
        "node",
        "label",
        "kind",
        "degree",
        "degree_centrality",
        "betweenness",
        "community",
        "component",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["degree", "node"], ascending=[False, True]).reset_index(drop=True)


def annotate(graph: nx.Graph, *, seed: int = 7, betweenness: bool = True) -> pd.DataFrame:
    """Compute `metrics` and store them as node attributes; returns the metrics."""
    frame = metrics(graph, seed=seed, betweenness=betweenness)
    for row in frame.itertuples(index=False):
        attrs = {"degree": int(row.degree), "community": int(row.community), "component": int(row.component)}
        if betweenness:
            attrs["betweenness"] = float(row.betweenness)
        graph.nodes[row.node].update(attrs)
    return frame


def top_firms(timeline: Timeline, *, period: str = "year", n: int = 10) -> pd.DataFrame:
    """The firms that cut most jobs in each period (a wave counts in the period it began).

    Columns: period, rank, firm, name, jobs_cut, waves. A wave's jobs count each distinct figure once.
    """
    if period not in PERIODS:
        raise InputError(f"period must be one of {', '.join(PERIODS)}, not {period[:20]!r}")
    rows = []
    for firm in timeline.firms():
        for wave in timeline.waves(firm):
            starts = [e.start for e in wave if e.start]
            jobs = wave_jobs(wave)
            if not starts or not jobs:
                continue
            rows.append(
                {
                    "period": str(pd.Period(min(starts), freq=PERIODS[period])),
                    "firm": firm,
                    "name": wave[0].firm_name,
                    "jobs_cut": jobs,
                }
            )
    columns = ["period", "rank", "firm", "name", "jobs_cut", "waves"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = (
        pd.DataFrame(rows)
        .groupby(["period", "firm", "name"], as_index=False)
        .agg(jobs_cut=("jobs_cut", "sum"), waves=("jobs_cut", "size"))
        .sort_values(["period", "jobs_cut", "name"], ascending=[True, False, True])
    )
    frame["rank"] = frame.groupby("period").cumcount() + 1
    return frame[frame["rank"] <= n][columns].reset_index(drop=True)
