"""Running one SPARQL query on a pyoxigraph store and serialising its result, cut at a row cap.

Used by the query workers (graph/sparql/engine.py) and for stores that bound queries themselves.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, Literal, cast

import pyoxigraph as ox

from firmgraph.graph.errors import QueryError
from firmgraph.graph.model.namespaces import PREFIXES, sparql_prologue
from firmgraph.graph.sparql.messages import PREDECLARED, explain
from firmgraph.graph.sparql.syntax import uses_dataset_clause
from firmgraph.graph.store import Queryable

__all__ = ["QueryJob", "QueryOutcome", "plain_rows", "query_error", "run_job", "select", "serialize_result"]

TSV = ox.QueryResultsFormat.TSV
NT = ox.RdfFormat.N_TRIPLES


@dataclass(frozen=True)
class QueryJob:
    """A query and how to answer it. Formats are media types pyoxigraph knows; None: not acceptable."""

    text: str
    tabular: str | None = "application/sparql-results+json"
    """The format for SELECT and ASK results."""
    graph: str | None = "text/turtle"
    """The format for CONSTRUCT and DESCRIBE results."""
    default_graphs: tuple[str, ...] | None = None
    """The default graph: these graphs merged; None: the union of all graphs (or the query's FROM)."""
    named_graphs: tuple[str, ...] | None = None
    union_default_graph: bool = True
    """False: without default_graphs, the default graph is the store's own default graph."""
    max_rows: int | None = None
    """At most this many solutions (or triples); the outcome says when more were cut."""
    max_bytes: int | None = None
    """An answer larger than this many bytes is refused (QueryError), measured while it is written."""
    base_iri: str | None = None
    """What relative IRIs in the query resolve against (its own BASE first): the endpoint's URL."""
    snapshot: str | None = None
    """A checkpoint folder to query instead of the store's current state (an update's later operations)."""


@dataclass(frozen=True)
class QueryOutcome:
    """A serialised result."""

    kind: Literal["solutions", "boolean", "graph"]
    body: bytes
    media_type: str
    """'' when the job had no acceptable format for this kind of result."""
    rows: int
    truncated: bool


class _CapReached(Exception):
    """Raised by the line-counting writer to stop a serialiser."""


class _LineCappedBuffer:
    """A binary writer that stops its serialiser after `limit` lines (TSV rows, N-Triples triples),
    and refuses the answer once it passes `max_bytes`."""

    def __init__(self, limit: int, max_bytes: int | None = None) -> None:
        self.limit = limit
        self.max_bytes = max_bytes
        self.chunks: list[bytes] = []
        self.lines = 0
        self.size = 0

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        self.size += len(data)
        if self.max_bytes is not None and self.size > self.max_bytes:
            raise too_large(self.max_bytes)
        self.lines += data.count(b"\n")
        if self.lines > self.limit:
            raise _CapReached
        return len(data)

    def flush(self) -> None:
        pass

    def value(self) -> tuple[bytes, bool]:
        """The first `limit` lines, and whether more were written."""
        data = b"".join(self.chunks)
        if self.lines <= self.limit:
            return data, False
        end = -1
        for _ in range(self.limit):
            end = data.index(b"\n", end + 1)
        return data[: end + 1], True


def too_large(limit: int) -> QueryError:
    """The error for an answer over the byte budget."""
    return QueryError(
        f"the answer is larger than {limit / (1 << 20):g} MB, the most one query may return;"
        " page with ORDER BY, LIMIT and OFFSET, select fewer or shorter values, or raise max_result_bytes"
    )


def _within(body: bytes, limit: int | None) -> bytes:
    if limit is not None and len(body) > limit:
        raise too_large(limit)
    return body


def run_job(store: ox.Store, job: QueryJob) -> QueryOutcome:
    """Evaluate a job on a pyoxigraph store and serialise its result."""
    kwargs: dict[str, Any] = {}
    if job.default_graphs is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    elif job.union_default_graph and not ("FROM" in job.text.upper() and uses_dataset_clause(job.text)):
        # (the substring test spares the token scan of queries that cannot name a dataset)
        kwargs["use_default_graph_as_union"] = True
    if job.named_graphs is not None:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    if job.base_iri is not None:
        kwargs["base_iri"] = job.base_iri
    try:
        result = store.query(job.text, prefixes=PREDECLARED, **kwargs)
    except SyntaxError as e:
        raise SyntaxError(explain(job.text, str(e))) from e
    return serialize_result(result, job)


def serialize_result(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, job: QueryJob
) -> QueryOutcome:
    """A query result in the job's format, cut at job.max_rows."""
    if isinstance(result, ox.QueryBoolean):
        if job.tabular is None:
            return QueryOutcome("boolean", b"", "", 1, False)
        fmt = ox.QueryResultsFormat.from_media_type(job.tabular)
        return QueryOutcome("boolean", result.serialize(format=fmt) or b"", job.tabular, 1, False)
    if isinstance(result, ox.QuerySolutions):
        if job.tabular is None:
            return QueryOutcome("solutions", b"", "", 0, False)
        return _solutions(result, job.tabular, job.max_rows, job.max_bytes)
    if job.graph is None:
        return QueryOutcome("graph", b"", "", 0, False)
    return _triples(result, job.graph, job.max_rows, job.max_bytes)


def _solutions(
    result: ox.QuerySolutions, media_type: str, cap: int | None, max_bytes: int | None
) -> QueryOutcome:
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    if fmt is None:
        raise QueryError(f"no result format for {media_type}")
    # TSV writes one solution per line (literals escape their line breaks), so a writer that
    # counts lines can stop pyoxigraph's serialiser at the cap; other formats are converted
    # from the capped TSV, still by pyoxigraph.
    writer = _LineCappedBuffer((cap if cap is not None else 1 << 62) + 1, max_bytes)
    with contextlib.suppress(_CapReached):
        result.serialize(cast(IO[bytes], writer), format=TSV)
    tsv, truncated = writer.value()
    rows = max(tsv.count(b"\n") - 1, 0)
    if fmt == TSV:
        return QueryOutcome("solutions", tsv, media_type, rows, truncated)
    body = ox.parse_query_results(tsv, TSV).serialize(format=fmt) or b""  # type: ignore[union-attr]
    return QueryOutcome("solutions", _within(body, max_bytes), media_type, rows, truncated)


def _triples(
    result: ox.QueryTriples, media_type: str, cap: int | None, max_bytes: int | None
) -> QueryOutcome:
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise QueryError(f"no RDF format for {media_type}")
    writer = _LineCappedBuffer(cap if cap is not None else 1 << 62, max_bytes)
    with contextlib.suppress(_CapReached):
        ox.serialize(result, cast(IO[bytes], writer), NT)
    nt, truncated = writer.value()
    rows = nt.count(b"\n")
    if fmt == NT:
        return QueryOutcome("graph", nt, media_type, rows, truncated)
    triples: Any = ox.parse(nt, NT)
    if fmt.supports_datasets:
        triples = (ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    body = ox.serialize(triples, format=fmt, prefixes=PREFIXES) or b""
    return QueryOutcome("graph", _within(body, max_bytes), media_type, rows, truncated)


def query_error(error: SyntaxError | OSError) -> QueryError:
    """A QueryError with pyoxigraph's message (a syntax error's says where: 'error at 3:14: ...')."""
    return QueryError(str(error))


def plain_rows(solutions: ox.QuerySolutions) -> Iterator[list[str | None]]:
    """A SELECT result's rows as plain values, in the order of its variables: IRIs as strings,
    literals as their lexical form, blank nodes and unbound variables as None.

    Read from pyoxigraph's TSV writer, not term by term: no Python object per term, a third
    faster on results of many rows.
    """
    lines = (solutions.serialize(format=TSV) or b"").decode().split("\n")
    for line in lines[1:-1]:  # after the header; every line ends with a line break
        yield [_plain(cell) if cell else None for cell in line.split("\t")]


_TSV_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\"}


def _plain(cell: str) -> str | None:
    if cell[0] == "_":
        return None
    if cell[0] == "<":
        return cell[1:-1]
    if cell[0] != '"':
        return cell  # a number or boolean, written bare
    lexical = cell[1 : cell.rindex('"')]
    if "\\" in lexical:
        lexical = re.sub(r"\\(.)", lambda m: _TSV_ESCAPES.get(m[1], m[1]), lexical)
    return lexical


def select(store: Queryable, sparql: str) -> list[dict[str, Any]]:
    """A SELECT query's rows as {variable: term} (unbound variables absent), over the union graph."""
    result = store.query(sparql_prologue() + sparql)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    names = [v.value for v in result.variables]
    return [{n: row[n] for n in names if row[n] is not None} for row in result]
