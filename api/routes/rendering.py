"""What the pages show: the template environment and results turned into table cells."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import jinja2
import pyoxigraph as ox
from fastapi.responses import HTMLResponse

from firmgraph.api.negotiation import GRAPH_FORMATS, RESULT_FORMATS
from firmgraph.graph.model.namespaces import PREFIXES
from firmgraph.graph.sparql.cookbook import load_cookbook
from firmgraph.graph.sparql.engine import QueryOutcome

templates = jinja2.Environment(
    loader=jinja2.PackageLoader("firmgraph.api", "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
    undefined=jinja2.StrictUndefined,
)

_LOCAL = re.compile(r"[A-Za-z_][\w\-]*\Z")
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Cell:
    """One term as the table shows it."""

    text: str
    kind: str
    """iri, literal, bnode or triple"""
    href: str | None = None
    title: str | None = None
    network: str | None = None
    """the network view around this entity (dataset IRIs only)"""


@dataclass
class Table:
    """A result as the page shows it."""

    kind: str
    """solutions, boolean or graph"""
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell | None]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False

    @property
    def network(self) -> str | None:
        """The network view around the first entity of this dataset in the result, if any."""
        return next((c.network for row in self.rows for c in row if c is not None and c.network), None)


def compact(iri: str) -> str:
    """A CURIE for IRIs in a known namespace (fg:jobsCut), else the IRI."""
    for prefix, namespace in _NAMESPACES:
        if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None, base: str) -> Cell | None:
    """A table cell for a term; IRIs of this dataset link to their pages here (/id/...)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        iri = term.value
        if iri.startswith(base):
            network = "/views/network?" + urlencode({"focus": iri}) if iri.startswith(base + "id/") else None
            return Cell(compact(iri), "iri", href="/" + iri[len(base) :], title=iri, network=network)
        return Cell(compact(iri), "iri", href=iri, title=iri)
    if isinstance(term, ox.BlankNode):
        return Cell(f"_:{term.value}", "bnode")
    if isinstance(term, ox.Literal):
        if term.language:
            return Cell(term.value, "literal", title=f"@{term.language}")
        datatype = term.datatype.value
        return Cell(term.value, "literal", title=None if datatype == XSD_STRING else compact(datatype))
    return Cell(str(term), "triple")


def table_of(outcome: QueryOutcome, base: str) -> Table:
    """Parse a serialised outcome (SPARQL JSON results, or N-Triples for graphs) into a table."""
    if outcome.kind == "graph":
        triples = ox.parse(outcome.body, ox.RdfFormat.N_TRIPLES)
        rows = [[cell(t.subject, base), cell(t.predicate, base), cell(t.object, base)] for t in triples]
        return Table("graph", ["subject", "predicate", "object"], rows, truncated=outcome.truncated)
    parsed = ox.parse_query_results(outcome.body, ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return Table("boolean", boolean=bool(parsed))
    columns = [v.value for v in parsed.variables]
    rows = [[cell(solution[c], base) for c in columns] for solution in parsed]
    return Table("solutions", columns, rows, truncated=outcome.truncated)


def page(name: str, request: Any, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A page of the site: the template with the header, the search box and the cookbook."""
    html = templates.get_template(name).render(request=request, cookbook=load_cookbook(), **context)
    return HTMLResponse(html, status_code=status)


def triples_page(request: Any, title: str, intro: str, triples: list[ox.Triple]) -> HTMLResponse:
    """An RDF description for a browser: its statements as a table, with links to each RDF format."""

    def shown(term: Any) -> str:
        return compact(term.value) if isinstance(term, ox.NamedNode) else str(term.value)

    path = request.url.path
    downloads = [
        (f.label, f"{path}?format={f.name}") for f in GRAPH_FORMATS if f.name not in ("trig", "nquads")
    ]
    rows = sorted((shown(t.subject), shown(t.predicate), shown(t.object)) for t in triples)
    return page("rdf.html", request, {"title": title, "intro": intro, "downloads": downloads, "rows": rows})


_HEADER_CSS = (
    "#site-header{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;padding:6px 12px;"
    "border-bottom:1px solid #d8dde6;background:#f5f7fa;font:14px system-ui,sans-serif}"
    "#site-header .brand{font-weight:700;color:#1d2430;text-decoration:none}"
    "#site-header nav a{margin-right:12px;color:#1f5fbf;text-decoration:none}"
    "#site-header .site-search{margin-left:auto;display:flex;gap:4px}"
)


def with_site_header(document: str) -> str:
    """A self-contained page (the views) with the site's header placed first in its body."""
    header = f"<style>{_HEADER_CSS}</style>" + templates.get_template("_nav.html").render()
    head, sep, rest = document.partition("<body>")
    return head + sep + "\n" + header + rest if sep else header + document


def downloads(query: str, kind: str) -> list[tuple[str, str]]:
    """(label, URL) of the result in every format the endpoint offers for this kind of result."""
    table = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    return [(f.label, "/sparql?" + urlencode({"query": query, "format": f.name})) for f in table]
