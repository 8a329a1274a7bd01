"""The query cookbook: saved SPARQL queries (.rq files) with a title, a description and parameters.

A header line `# param: NAME = DEFAULT` declares a parameter; the query uses it as the variable
`$NAME`, and `bind()` gives it a value with a VALUES block at the top of the WHERE clause (the value
is written as an escaped literal, so a parameter cannot inject SPARQL; a trailing VALUES clause
would not do: engines differ on whether it restricts a grouped query).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import pyoxigraph as ox

from firmgraph.graph.errors import CookbookError, UnknownQueryError

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True)
class CannedQuery:
    """One saved query."""

    slug: str
    title: str
    description: str
    params: dict[str, str]
    """name -> default value"""
    text: str

    def bind(self, values: dict[str, str] | None = None) -> str:
        """The query with its parameters bound (defaults for those not given), as plain literals."""
        if not self.params:
            return self.text
        chosen = {name: (values or {}).get(name, default) for name, default in self.params.items()}
        names = " ".join(f"${n}" for n in chosen)
        row = " ".join(str(ox.Literal(v)) for v in chosen.values())
        where = _WHERE.search(_code(self.text))
        assert where is not None  # checked when the query was loaded
        return f"{self.text[: where.end()]}\n  VALUES ({names}) {{ ({row}) }}{self.text[where.end() :]}"


def _code(text: str) -> str:
    """The text with comment lines blanked (same length, so offsets still hold)."""
    return re.sub(r"(?m)^\s*#.*$", lambda m: " " * len(m.group()), text)


def _parse(slug: str, text: str) -> CannedQuery:
    meta: dict[str, str] = {}
    params: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.groups()
        if key == "param":
            name, _, default = value.partition("=")
            params[name.strip()] = default.strip()
        else:
            meta[key] = value.strip()
    if "title" not in meta:
        raise CookbookError(f"cookbook query {slug} has no '# title:' line")
    if params and not _WHERE.search(_code(text)):
        raise CookbookError(f"cookbook query {slug} takes parameters but has no WHERE {{ to bind them in")
    return CannedQuery(slug, meta["title"], meta.get("description", ""), params, text)


@cache
def load_cookbook() -> tuple[CannedQuery, ...]:
    """All saved queries, in file-name order."""
    folder = files(__name__)
    entries = sorted((f for f in folder.iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)
    return tuple(_parse(f.name.removesuffix(".rq"), f.read_text(encoding="utf-8")) for f in entries)


def get_query(slug: str) -> CannedQuery:
    """One saved query by its slug (file name without .rq)."""
    for query in load_cookbook():
        if query.slug == slug:
            return query
    raise UnknownQueryError(f"no saved query {slug!r}; `firmgraph cookbook` lists them")
