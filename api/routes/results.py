"""A result as the workbench shows it: columns in the query's order, sorted, paged, IRIs labelled.

The query runs once up to the endpoint's row cap; sorting and paging are done here, on the rows
it returned, so every page of a result agrees with the others and with its downloads.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from urllib.parse import urlencode

from firmgraph.api.routes.rendering import Cell, Table
from firmgraph.graph.errors import InputError
from firmgraph.graph.sparql.syntax import tokens
from firmgraph.graph.views.results import label_query

__all__ = ["Paging", "label_query", "labelled", "page_of", "query_order", "reorder", "sort_key"]

PER_PAGE = 100
MAX_PER_PAGE = 1000
_NUMERIC = {
    "xsd:integer",
    "xsd:decimal",
    "xsd:double",
    "xsd:float",
    "xsd:nonNegativeInteger",
    "xsd:int",
    "xsd:long",
}


@dataclass(frozen=True)
class Paging:
    """Which rows of a result a page shows, and how they are sorted."""

    page: int = 1
    per: int = PER_PAGE
    sort: str | None = None
    """a column; the rows in the query's own order when None"""
    descending: bool = False

    @classmethod
    def parse(cls, page: str | None, per: str | None, sort: str | None) -> Paging:
        """From the URL: `page` (from 1), `per` (1-1000 rows), `sort` (a column, `-column` descending)."""
        try:
            number = int(page or 1)
            size = int(per or PER_PAGE)
        except ValueError:
            raise InputError("page and per are whole numbers") from None
        if number < 1 or not 1 <= size <= MAX_PER_PAGE:
            raise InputError(f"page starts at 1; per is 1 to {MAX_PER_PAGE} rows")
        column = (sort or "").strip()
        return cls(number, size, column.lstrip("-") or None, column.startswith("-"))

    def link(self, base: str, **changes: object) -> str:
        """The URL of this result with other paging (base: the page's URL with its query parameters)."""
        chosen = dataclasses.replace(self, **changes)  # type: ignore[arg-type]
        params = {"page": chosen.page, "per": chosen.per}
        if chosen.sort:
            params["sort"] = ("-" if chosen.descending else "") + chosen.sort  # type: ignore[assignment]
        return base + ("&" if "?" in base else "?") + urlencode(params)


def query_order(text: str, columns: list[str]) -> list[str]:
    """For `SELECT *`: the variables in the order the query first names them (pyoxigraph sorts them)."""
    toks = tokens(text)
    star = any(
        t.keyword == "SELECT" and i + 1 < len(toks) and toks[i + 1].text == "*" for i, t in enumerate(toks)
    )
    if not star:
        return columns
    seen = list(dict.fromkeys(t.text[1:] for t in toks if t.kind == "var"))
    known = [c for c in seen if c in columns]
    return known + [c for c in columns if c not in known]


def reorder(table: Table, columns: list[str]) -> Table:
    if columns == table.columns:
        return table
    index = [table.columns.index(c) for c in columns]
    rows = [[row[i] for i in index] for row in table.rows]
    return dataclasses.replace(table, columns=columns, rows=rows)


def sort_key(cell: Cell | None) -> tuple[int, float, str]:
    """Unbound last; numbers by value; everything else by its text, case-folded."""
    if cell is None:
        return (2, 0.0, "")
    if cell.title in _NUMERIC:
        try:
            return (0, float(cell.text), "")
        except ValueError:
            pass
    return (1, 0.0, cell.text.casefold())


def page_of(table: Table, paging: Paging) -> tuple[Table, int]:
    """The rows of one page (sorted first when asked), and the number of pages."""
    rows = table.rows
    if paging.sort is not None:
        if paging.sort not in table.columns:
            raise InputError(f"no column {paging.sort!r} to sort by; the columns: {', '.join(table.columns)}")
        i = table.columns.index(paging.sort)
        rows = sorted(rows, key=lambda row: sort_key(row[i]), reverse=paging.descending)
        if paging.descending:  # unbound values stay last either way
            rows = [r for r in rows if r[i] is not None] + [r for r in rows if r[i] is None]
    pages = max(1, -(-len(rows) // paging.per))
    start = (min(paging.page, pages) - 1) * paging.per
    return dataclasses.replace(table, rows=rows[start : start + paging.per]), pages


def labelled(table: Table, labels: dict[str, str]) -> Table:
    """The table with each labelled IRI shown by its label (the IRI stays in the tooltip and the link)."""

    def swap(cell: Cell | None) -> Cell | None:
        if cell is None or cell.kind != "iri" or cell.title not in labels:
            return cell
        return dataclasses.replace(cell, text=labels[cell.title])

    return dataclasses.replace(table, rows=[[swap(c) for c in row] for row in table.rows])
