"""Graph comparison for the tests: datasets graph by graph, with a readable diff when they differ."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic


def _rdflib(triples: Iterable[ox.Triple]) -> Graph:
    graph = Graph()
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    graph.parse(data=data, format="nt")
    return graph


def by_graph(quads: Iterable[ox.Quad]) -> dict[str, list[ox.Triple]]:
    """Triples per graph name ("" for the default graph)."""
    found: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in quads:
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        found[name].append(quad.triple)
    return dict(found)


def assert_isomorphic(expected: Iterable[ox.Triple], actual: Iterable[ox.Triple], what: str = "") -> None:
    a, b = _rdflib(expected), _rdflib(actual)
    if len(a) != len(b) or not isomorphic(a, b):
        _, only_expected, only_actual = graph_diff(to_isomorphic(a), to_isomorphic(b))
        lost = sorted(only_expected.serialize(format="nt").splitlines())[:10]
        extra = sorted(only_actual.serialize(format="nt").splitlines())[:10]
        raise AssertionError(f"{what}: {len(a)} vs {len(b)} triples\nmissing: {lost}\nunexpected: {extra}")


def assert_same_dataset(expected: Iterable[ox.Quad], actual: Iterable[ox.Quad]) -> None:
    """Same graph names, and each graph isomorphic."""
    left, right = by_graph(expected), by_graph(actual)
    assert sorted(left) == sorted(right)
    for name in left:
        assert_isomorphic(left[name], right[name], f"graph <{name}>")
