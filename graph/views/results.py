"""A query result as a network: the entities it names are the nodes, a row that names two links them.

The workbench's "Open as network": what the analyst's own query found, drawn with the views'
renderer (same shapes, legend and facts), not the ego network of one of its entities.
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pyoxigraph as ox

from firmgraph.graph.model.namespaces import RDFS, SCHEMA
from firmgraph.graph.views.filters import Runner

__all__ = ["RESULT_KINDS", "label_query", "result_network"]

RESULT_KINDS = {"org": "firm", "person": "person", "event": "event", "doc": "article", "filing": "filing"}
"""The kind in a data IRI (`{base}id/{kind}/...`) -> the kind the renderer draws."""
MAX_LABELLED = 2000


def _kind(iri: str) -> str:
    _, sep, tail = iri.rpartition("/id/")
    return RESULT_KINDS.get(tail.split("/", 1)[0], "other") if sep else "other"


def result_network(run: Runner, query: str, *, base_iri: str) -> nx.Graph:
    """The network of a SELECT result: nodes are its IRIs under `{base_iri}id/`, edges the rows that name two.

    An edge is named by the columns of its two ends (`firm – person`) and weighs the rows that link them.
    """
    result = run(query)
    if not isinstance(result, ox.QuerySolutions):
        return nx.Graph(base_iri=base_iri, rows=0)
    columns = [v.value for v in result.variables]
    prefix = base_iri + "id/"
    graph = nx.Graph(base_iri=base_iri, rows=0)
    for row in result:
        graph.graph["rows"] += 1
        named = [
            (c, row[c].value)  # type: ignore[union-attr]
            for c in columns
            if isinstance(row[c], ox.NamedNode) and row[c].value.startswith(prefix)  # type: ignore[union-attr]
        ]
        for column, iri in named:
            if iri not in graph:
                graph.add_node(iri, kind=_kind(iri), label=iri.rsplit("/", 1)[-1], column=column)
        for (c1, a), (c2, b) in combinations(named, 2):
            if a == b:
                continue
            if graph.has_edge(a, b):
                graph.edges[a, b]["weight"] += 1
            else:
                graph.add_edge(a, b, relation=f"{c1} – {c2}", weight=1)
    _label(run, graph)
    return graph


def label_query(iris: list[str]) -> str:
    """A query for the name, label and headline of IRIs (?x ?name ?label ?headline; a caller takes the first there is)."""
    values = " ".join(f"<{i}>" for i in iris)
    return (
        "SELECT ?x (SAMPLE(?n) AS ?name) (SAMPLE(?l) AS ?label) (SAMPLE(?h) AS ?headline) WHERE {\n"
        f"  VALUES ?x {{ {values} }}\n"
        f"  OPTIONAL {{ ?x <{SCHEMA.name}> ?n }} OPTIONAL {{ ?x <{RDFS.label}> ?l }}"
        f" OPTIONAL {{ ?x <{SCHEMA.headline}> ?h }}\n"
        "} GROUP BY ?x"
    )


def _label(run: Runner, graph: nx.Graph) -> None:
    nodes = list(graph.nodes)[:MAX_LABELLED]
    if not nodes:
        return
    for row in run(label_query(nodes)):  # type: ignore[union-attr]
        best = next((row[k] for k in ("name", "label", "headline") if row[k] is not None), None)
        if best is not None:
            graph.nodes[row["x"].value]["label"] = best.value  # type: ignore[union-attr]
