"""Pages read the graph through the bounded engine and the saved queries, like every other client."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from fastapi import Request

from firmgraph.api.routes.sparql import execute
from firmgraph.graph.settings import Settings
from firmgraph.graph.sparql.cookbook import get_query
from firmgraph.graph.sparql.engine import QueryEngine, QueryJob

__all__ = ["runner", "saved_rows", "select_rows"]

TSV = "text/tab-separated-values"


def runner(engine: QueryEngine) -> Any:
    """Run SELECT queries through the bounded engine and read the solutions back (for the library's views)."""

    def run(query: str) -> ox.QuerySolutions:
        outcome = engine.execute(QueryJob(query, tabular=TSV))
        return ox.parse_query_results(outcome.body, format=ox.QueryResultsFormat.TSV)  # type: ignore[return-value]

    return run


async def select_rows(
    request: Request, engine: QueryEngine, settings: Settings, text: str, *, max_rows: int | None = None
) -> list[dict[str, str]]:
    """A SELECT query's rows as {variable: value} (IRIs as strings, literals as their lexical form)."""
    job = QueryJob(text, tabular="application/sparql-results+json", max_rows=max_rows)
    outcome = await execute(request, engine, job, settings)
    parsed: Any = ox.parse_query_results(outcome.body, ox.QueryResultsFormat.JSON)
    names = [v.value for v in parsed.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in parsed]


async def saved_rows(
    request: Request, engine: QueryEngine, settings: Settings, slug: str, **values: str
) -> list[dict[str, str]]:
    """The rows of a saved query (the cookbook's), its parameters bound."""
    return await select_rows(request, engine, settings, get_query(slug).bind(values or None))
