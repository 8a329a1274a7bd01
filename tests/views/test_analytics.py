"""Centrality, communities, components and top firms: on graphs whose answers are known, and on the samples."""

from __future__ import annotations

import networkx as nx
import pytest

from firmgraph.graph.errors import InputError
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.views.analytics import annotate, communities, components, metrics, top_firms
from firmgraph.graph.views.timeline import firm_timeline
from tests.views.conftest import iri_of


def two_triangles() -> nx.Graph:
    """Two triangles a-b-c and x-y-z joined by the bridge c-x, plus an isolated node."""
    graph = nx.Graph()
    graph.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    graph.add_node("lone")
    return graph


def test_metrics_of_a_known_graph() -> None:
    frame = metrics(two_triangles()).set_index("node")
    assert (
        frame.loc["c", "degree"] == 3 and frame.loc["a", "degree"] == 2 and frame.loc["lone", "degree"] == 0
    )
    # c lies on the shortest paths of 6 pairs (a or b to x, y or z), of the 15 pairs of the other 6 nodes
    assert frame.loc["c", "betweenness"] == pytest.approx(6 / 15)
    assert frame.loc["a", "betweenness"] == 0
    assert frame.loc["c", "degree_centrality"] == pytest.approx(3 / 6)
    assert frame.loc["a", "community"] == frame.loc["c", "community"] != frame.loc["x", "community"]
    assert frame.loc["a", "component"] == frame.loc["z", "component"] != frame.loc["lone", "component"]
    assert [len(c) for c in communities(two_triangles())] == [3, 3, 1]
    assert [len(c) for c in components(two_triangles())] == [6, 1]


def test_parallel_directed_edges_count_once_as_neighbours() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", key="r1")
    graph.add_edge("b", "a", key="r2")
    graph.add_edge("b", "c", key="r1")
    frame = metrics(graph).set_index("node")
    assert frame.loc["b", "degree"] == 2 and frame.loc["a", "degree"] == 1


def test_annotate_sets_node_attributes_on_the_samples(samples: KnowledgeGraph) -> None:
    article = iri_of(samples, "Pinterest opfert Jobs für KI", "schema:headline")
    graph = samples.network(article, hops=2)
    frame = annotate(graph)
    amazon = iri_of(samples, "Amazon")
    assert frame.iloc[0]["node"] == amazon  # the hub of this neighbourhood
    assert graph.nodes[amazon]["degree"] == len(set(nx.all_neighbors(graph, amazon)))
    expected = nx.betweenness_centrality(nx.Graph(graph.to_undirected()))
    for node in graph:
        assert graph.nodes[node]["betweenness"] == pytest.approx(expected[node])
    assert {graph.nodes[n]["component"] for n in graph} == {0}


def test_top_firms_per_period(samples: KnowledgeGraph) -> None:
    timeline = firm_timeline(samples.query)
    months = top_firms(timeline, period="month")
    assert months[["period", "name", "jobs_cut"]].values.tolist() == [
        ["2025-10", "Amazon", 14_000],
        ["2026-01", "Amazon", 16_000],
        ["2026-02", "Pinterest", 750],
    ]
    years = top_firms(timeline, period="year")
    assert years[years["period"] == "2026"][["rank", "name"]].values.tolist() == [
        [1, "Amazon"],
        [2, "Pinterest"],
    ]
    assert top_firms(timeline, period="year", n=1)["name"].tolist() == ["Amazon", "Amazon"]
    with pytest.raises(InputError):
        top_firms(timeline, period="decade")
