"""Content negotiation as data: one table for tabular results, one for graphs, and the choice by q-value.

The graph table is read from the RDF format registry (`firmgraph.graph.model.formats`).

A format is picked from the `format=` parameter (a short name or a media type, for browsers and
links) or else from the Accept header (q-values, wildcards and specificity per RFC 9110 §12.5.1);
ties go to the table's order. No acceptable format means 406.
"""

from __future__ import annotations

from dataclasses import dataclass

from firmgraph.graph.model.formats import RDF_FORMATS

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "Format",
    "NotAcceptable",
    "choose",
    "parse_accept",
    "prefers_html",
]


@dataclass(frozen=True)
class Format:
    """One serialisation: a short name, the media type sent, and other media types that ask for it."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()
    extension: str = ""
    label: str = ""

    def names(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",), "srj", "JSON"),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), "srx", "XML"),
    Format("csv", "text/csv", (), "csv", "CSV"),
    Format("tsv", "text/tab-separated-values", (), "tsv", "TSV"),
)
"""SELECT and ASK results, in the order preferred when a client accepts several equally."""

GRAPH_FORMATS: tuple[Format, ...] = tuple(
    Format(f.name, f.media_type, f.aliases, f.extension, f.label)
    for f in RDF_FORMATS.values()
    if f.native is not None  # the query workers serialise with pyoxigraph
)
"""CONSTRUCT and DESCRIBE results (and graphs of the Graph Store Protocol): the RDF format registry."""


class NotAcceptable(Exception):
    """No format in the table satisfies the request; carries the media types on offer."""

    def __init__(self, offered: tuple[Format, ...], asked: str) -> None:
        self.offered = offered
        self.asked = asked
        types = ", ".join(f.media_type for f in offered)
        super().__init__(f"cannot answer in {asked!r}; available: {types}")


def parse_accept(header: str) -> list[tuple[str, float, int]]:
    """Accept header -> (media range, q, specificity) with specificity 0 `*/*`, 1 `type/*`, 2 exact."""
    ranges: list[tuple[str, float, int]] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media or "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        kind, _, sub = media.partition("/")
        specificity = 0 if kind == "*" else 1 if sub == "*" else 2
        ranges.append((media, q, specificity))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float, int]]) -> float:
    """The q of the most specific range matching a media type (0 when none does)."""
    kind = media_type.split("/")[0]
    best: tuple[int, float] | None = None
    for media, q, specificity in ranges:
        matches = media == media_type or media == "*/*" or (specificity == 1 and media == f"{kind}/*")
        if matches and (best is None or specificity > best[0]):
            best = (specificity, q)
    return best[1] if best else 0.0


def choose(table: tuple[Format, ...], *, accept: str | None, format_param: str | None = None) -> Format:
    """The format to answer in.

    Raises:
        NotAcceptable: `format=` names nothing in the table, or the Accept header accepts nothing in it.
    """
    if format_param:
        wanted = format_param.strip().lower()
        if "," in wanted:  # a list of media types, as some clients send in `format=`: read it as Accept
            return choose(table, accept=wanted)
        plain = _plain(wanted)
        for fmt in table:
            if plain in (fmt.name, _plain(fmt.extension)) or wanted in fmt.names():
                return fmt
        raise NotAcceptable(table, format_param)
    if not accept or not accept.strip():
        return table[0]
    ranges = parse_accept(accept)
    if not ranges:
        return table[0]
    best: Format | None = None
    best_q = 0.0
    for fmt in table:
        # aliases count when asked for by name, never through a wildcard (`text/*` is no request for XML)
        q = max(
            [_quality(fmt.media_type, ranges)]
            + [q for alias in fmt.aliases for media, q, _ in ranges if media == alias]
        )
        if q > best_q:
            best, best_q = fmt, q
    if best is None:
        raise NotAcceptable(table, accept)
    return best


def prefers_html(table: tuple[Format, ...], *, accept: str | None, format_param: str | None = None) -> bool:
    """Whether a browser asks: text/html named explicitly and above every format of the table."""
    if format_param or not accept:
        return False
    ranges = parse_accept(accept)
    html = max((q for media, q, _ in ranges if media == "text/html"), default=0.0)
    named = [
        q for fmt in table for media, q, specificity in ranges if specificity == 2 and media in fmt.names()
    ]
    return html > 0 and html >= max(named, default=0.0)


def _plain(name: str) -> str:
    """A short format name without its punctuation: `json-ld` and `rdf+xml` name jsonld and rdfxml."""
    return name.replace("-", "").replace("+", "").replace("_", "")


def find(table: tuple[Format, ...], media_type: str) -> Format | None:
    """The format a Content-Type names (parameters such as charset ignored), if any."""
    base = media_type.split(";")[0].strip().lower()
    for fmt in table:
        if base in fmt.names():
            return fmt
    return None
