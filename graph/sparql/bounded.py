"""The read side of a store with every query through a QueryEngine: its time limit, its workers.

The server hands this to entity pages, the dataset description and anything else that reads the
store, so no query runs in the server process however long it takes (docs/endpoint.md).
"""

from __future__ import annotations

import pyoxigraph as ox

from firmgraph.graph.model.terms import iri
from firmgraph.graph.sparql.engine import QueryEngine
from firmgraph.graph.sparql.results import QueryJob
from firmgraph.graph.store.base import QueryResult
from firmgraph.graph.store.staging import STAGING

__all__ = ["BoundedQueries"]

JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"


class BoundedQueries:
    """`query`, `count` and `named_graphs` as a Store has them, answered by a QueryEngine.

    Raises (from every method): QueryError for a malformed query, QueryTimeoutError past the
    engine's time limit.
    """

    def __init__(self, engine: QueryEngine, *, timeout: float | None = None) -> None:
        self.engine = engine
        self.timeout = timeout

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult | list[ox.Triple]:
        """Run a query over the union of all graphs (or the given ones); CONSTRUCT gives a list of triples."""
        job = QueryJob(
            sparql,
            tabular=JSON,
            graph=NTRIPLES,
            default_graphs=tuple(default_graphs) if default_graphs is not None else None,
            named_graphs=tuple(named_graphs) if named_graphs is not None else None,
        )
        outcome = self.engine.execute(job, timeout=self.timeout)
        if outcome.kind == "graph":
            return [q.triple for q in ox.parse(outcome.body, ox.RdfFormat.N_TRIPLES)]
        return ox.parse_query_results(outcome.body, ox.QueryResultsFormat.JSON)

    def count(self, graph: str | None = None) -> int:
        """Quads in one graph, or in all named graphs (where firmgraph writes everything; staging left out)."""
        if graph is not None:
            where = f"GRAPH {iri(graph)} {{ ?s ?p ?o }}"
        else:
            where = f'GRAPH ?g {{ ?s ?p ?o }} FILTER(!STRSTARTS(STR(?g), "{STAGING}"))'
        (row,) = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")  # type: ignore[misc]
        return int(row["n"].value)

    def named_graphs(self) -> list[str]:
        """The IRIs of all named graphs."""
        rows = self.query(
            f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ }} FILTER(!STRSTARTS(STR(?g), "{STAGING}")) }}'
        )
        return sorted(row["g"].value for row in rows if isinstance(row["g"], ox.NamedNode))  # type: ignore[index, union-attr]
