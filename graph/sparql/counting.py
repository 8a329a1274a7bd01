"""What counts: one definition of the events that totals add up, for SPARQL, timeline, pages and projections.

A total counts canonical events (one per real-world event), never reports; a cumulative figure
(`fg:aggregateOf`) is never added on top of its parts, and a part (`fg:partOf`, a subsidiary's or a
site's share) counts inside its whole, not beside it. The saved query `jobs-cut-per-firm` is this
definition in SPARQL; `firm_total` runs it.
"""

from __future__ import annotations

from firmgraph.graph.errors import CookbookError
from firmgraph.graph.sparql.cookbook import get_query
from firmgraph.graph.sparql.results import select
from firmgraph.graph.store import Queryable

__all__ = ["counted", "firm_total"]


def counted(var: str = "?event") -> str:
    """The graph pattern a counted event matches (the variable is the event)."""
    return (
        f"{var} a fg:CanonicalEvent . FILTER NOT EXISTS {{ {var} fg:aggregateOf ?counted_parts }}"
        f" FILTER NOT EXISTS {{ {var} fg:partOf ?counted_whole }}"
    )


def firm_total(store: Queryable, firm_iri: str, year: str = "") -> tuple[int, int]:
    """(events, jobs cut) of a firm and its units, as `jobs-cut-per-firm` counts them."""
    text = get_query("jobs-cut-per-firm").text
    by_name = "?company schema:name $firm ."
    if by_name not in text:
        raise CookbookError("jobs-cut-per-firm no longer finds the firm by `?company schema:name $firm`")
    values = f'VALUES (?company ?year) {{ (<{firm_iri}> "{int(year) if year else ""}") }}'
    rows = select(store, text.replace(by_name, values))
    if not rows:
        return 0, 0
    return int(rows[0]["events"].value), int(rows[0]["jobsCut"].value)
