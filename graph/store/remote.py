"""The remote store: any SPARQL 1.1 Query/Update endpoint, with the Graph Store Protocol where offered.

Commits are atomic in two ways (docs/deploy.md states the guarantee):

- a commit that fits in one request (`batch_bytes`) is one update request, `DROP SILENT GRAPH …;
  INSERT DATA {…}`, which the stores we know run as one transaction;
- a larger one is staged: its quads are written, in chunks, into a staging graph in an encoded
  form that names none of their IRIs (`urn:firmgraph:staging:…`, where every IRI is a typed
  literal), counted, and swapped in with ONE `DELETE/INSERT … WHERE` operation that applies
  only if the staging graph holds every statement (it counts them itself). A crash leaves
  either the old graphs or the new ones, and at most a staging graph that no IRI lookup can
  reach and that named_graphs, count and quads skip.
"""

from __future__ import annotations

import contextlib
import random
import time
import uuid
from collections.abc import Iterator
from typing import BinaryIO

import httpx
import pyoxigraph as ox

from firmgraph.graph.errors import QueryError, QueryTimeoutError, StoreError
from firmgraph.graph.model.namespaces import with_prologue
from firmgraph.graph.model.terms import iri
from firmgraph.graph.store.base import Commit, QueryResult, Store, commit_update, data_block
from firmgraph.graph.store.endpoints import (
    LAYOUTS,
    Layout,
    RemoteSettings,
    accept_for,
    connection_options,
    get_remote_settings,
    lenient_blank_labels,
    without_credentials,
)
from firmgraph.graph.store.staging import (
    STAGING,
    STG,
    as_query_triples,
    chain,
    chunks,
    commit_quads,
    encode_term,
    has_blank,
    skolemized,
    staged_pattern,
    swap_update,
)

__all__ = ["RemoteStore"]

_DEFAULTS = {name: field.default for name, field in RemoteSettings.model_fields.items()}
"""The defaults of RemoteSettings, where they are written (one place for each)."""
_TRANSIENT = {429, 502, 503, 504}
_UNSENT = {429, 503}
"""Statuses that say the server did not run the request: safe to retry even a non-idempotent write."""
_QUAD_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}


class RemoteStore(Store):
    """A store behind SPARQL 1.1 Query and Update endpoints (and the Graph Store Protocol, if given).

    The endpoint must answer queries over the union of its named graphs by default (oxigraph
    serve --union-default-graph, Fuseki's unionDefaultGraph, GraphDB, Virtuoso and Neptune do).
    """

    def __init__(
        self,
        query_url: str,
        update_url: str,
        gsp_url: str | None = None,
        *,
        layout: Layout | None = None,
        authorization: str | None = None,
        auth: httpx.Auth | None = None,
        timeout: float = _DEFAULTS["timeout"],
        retries: int = _DEFAULTS["retries"],
        backoff: float = _DEFAULTS["backoff"],
        batch_bytes: int = _DEFAULTS["batch_bytes"],
        verify_tls: bool = _DEFAULTS["verify_tls"],
    ) -> None:
        self.query_url, self.update_url, self.gsp_url = query_url, update_url, gsp_url or None
        self.layout = layout or LAYOUTS["sparql"]
        self.location = without_credentials(query_url)
        self.retries, self.backoff, self.batch_bytes = retries, backoff, batch_bytes
        headers = {"User-Agent": "firmgraph"}
        if authorization:
            headers["Authorization"] = authorization
        self.client = httpx.Client(headers=headers, auth=auth, timeout=timeout, verify=verify_tls)

    @classmethod
    def from_url(cls, url: str, settings: RemoteSettings | None = None) -> RemoteStore:
        """The store at a URL: its fragment (or the layout setting) says where the endpoints are."""
        return cls(**connection_options(url, settings or get_remote_settings()))

    @property
    def lateral(self) -> bool:  # type: ignore[override]
        """Only an oxigraph server runs oxigraph's LATERAL; other SPARQL 1.1 stores get plain queries."""
        return self.layout == LAYOUTS["oxigraph"]

    # -- HTTP -----------------------------------------------------------------------------------

    def _send(
        self,
        method: str,
        url: str,
        *,
        idempotent: bool,
        on_timeout: type[StoreError | QueryTimeoutError] = StoreError,
        **kwargs: object,
    ) -> httpx.Response:
        """One request, retried with exponential backoff on transient failures.

        A write that is not idempotent is retried only when the server surely did not run it
        (no connection, 429, 503); reads and idempotent writes also on 502/504 and dropped replies.
        """
        where = without_credentials(url)
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.client.request(method, url, **kwargs)  # type: ignore[arg-type]
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as e:
                if last:
                    raise StoreError(f"cannot reach {where}: {e}") from e
                self._pause(attempt, None)
                continue
            except httpx.TimeoutException as e:
                raise on_timeout(f"{where} gave no answer within {self.client.timeout.read} s") from e
            except httpx.TransportError as e:  # the connection broke after the request went out
                if last or not idempotent:
                    raise StoreError(f"{where} dropped the connection: {e}") from e
                self._pause(attempt, None)
                continue
            retry = response.status_code in (_TRANSIENT if idempotent else _UNSENT)
            if not retry or last:
                return response
            self._pause(attempt, response.headers.get("Retry-After"))
        raise AssertionError("unreachable")

    def _pause(self, attempt: int, retry_after: str | None) -> None:
        delay = self.backoff * 2**attempt * (0.5 + random.random() / 2)
        if retry_after and retry_after.isdigit():
            delay = max(delay, min(float(retry_after), 30.0))
        time.sleep(delay)

    def _check(self, response: httpx.Response, what: str) -> httpx.Response:
        if response.is_success:
            return response
        text = response.text.strip()[:2000]
        status = response.status_code
        if status == 400:
            raise QueryError(text or f"{what}: bad request")
        if status in (401, 403):
            raise StoreError(
                f"{what}: not authorised ({status}); set FIRMGRAPH_REMOTE_AUTH or FIRMGRAPH_REMOTE_TOKEN"
            )
        if status == 413:
            raise StoreError(f"{what}: request too large for the server; lower FIRMGRAPH_REMOTE_BATCH_BYTES")
        raise StoreError(f"{what} failed at {self.location}: {status} {text}")

    def _update(self, sparql: str, *, idempotent: bool) -> None:
        if self.layout.update_form:
            kwargs: dict[str, object] = {"data": {"update": sparql}}
        else:
            kwargs = {"content": sparql.encode(), "headers": {"Content-Type": "application/sparql-update"}}
        self._check(self._send("POST", self.update_url, idempotent=idempotent, **kwargs), "update")

    def _select(self, sparql: str) -> ox.QuerySolutions:
        result = self.query(sparql, default_graphs=None)
        assert isinstance(result, ox.QuerySolutions)
        return result

    # -- the Store interface --------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        # the endpoint need not know our prefixes: declare the ones the query uses (on its first line)
        form: dict[str, object] = {"query": with_prologue(sparql)}
        if default_graphs is not None:
            form["default-graph-uri"] = default_graphs
        if named_graphs is not None:
            form["named-graph-uri"] = named_graphs
        text = form["query"]
        assert isinstance(text, str)
        accept = accept_for(text, self.layout)
        response = self._send(
            "POST",
            self.query_url,
            idempotent=True,
            on_timeout=QueryTimeoutError,
            data=form,
            headers={"Accept": accept},
        )
        self._check(response, "query")
        if response.headers.get("X-Firmgraph-Truncated"):  # a firmgraph endpoint's row cap
            cap = response.headers.get("X-Firmgraph-Rows")
            raise QueryError(f"query: the endpoint returns at most {cap} rows; narrow the query")
        if cap := response.headers.get("X-SPARQL-MaxRows"):  # Virtuoso's ResultSetMaxRows was reached
            raise QueryError(
                f"query: the store returns at most {cap} rows (Virtuoso's ResultSetMaxRows) and this answer"
                " reached that cap, so it may be cut; narrow the query (a FILTER, LIMIT/OFFSET) or raise"
                " ResultSetMaxRows in the [SPARQL] section of virtuoso.ini"
            )
        media = response.headers.get("Content-Type", "").split(";")[0].strip()
        results = ox.QueryResultsFormat.from_media_type(media)
        if results is not None:
            body = response.content
            if results == ox.QueryResultsFormat.JSON:
                body = lenient_blank_labels(body)
            try:
                return ox.parse_query_results(body, results)
            except SyntaxError as e:
                raise StoreError(f"query: the endpoint's {media} answer does not parse: {e}") from e
        graph = ox.RdfFormat.from_media_type(media)
        if graph is None:
            raise StoreError(f"query: the endpoint answered with {media or 'no content type'}")
        try:
            return as_query_triples(ox.parse(response.content, graph))
        except SyntaxError as e:
            raise StoreError(f"query: the endpoint's {media} answer does not parse: {e}") from e

    def update(self, sparql: str) -> None:
        self._update(sparql, idempotent=False)

    def commit(self, commit: Commit) -> None:
        if self.layout.skolemize:
            commit = Commit(
                replace={g: skolemized(qs) for g, qs in commit.replace.items()},
                add=skolemized(commit.add),
                remove=skolemized(commit.remove),
            )
        text = commit_update(commit)
        if len(text.encode()) <= self.batch_bytes:
            # DROP + INSERT DATA gives the same result when repeated, unless added quads hold blank nodes.
            self._update(text, idempotent=not any(has_blank(q) for q in commit.add))
        else:
            self._staged_commit(commit)

    def drop_graph(self, graph: str) -> None:
        self._update(f"DROP SILENT GRAPH {iri(graph)}", idempotent=True)

    def named_graphs(self) -> list[str]:
        rows = self._select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._own_graphs()} }}")
        return sorted(r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode))

    def _own_graphs(self) -> str:
        """A FILTER that leaves out staging graphs and the store's system graphs."""
        prefixes = (STAGING, *self.layout.system_graphs)
        return "FILTER(" + " && ".join(f'!STRSTARTS(STR(?g), "{p}")' for p in prefixes) + ")"

    def count(self, graph: str | None = None) -> int:
        if graph is not None:
            where = f"GRAPH {iri(graph)} {{ ?s ?p ?o }}"
        else:
            where = f"GRAPH ?g {{ ?s ?p ?o }} {self._own_graphs()}"
        (row,) = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        named = int(row["n"].value)
        return named if graph is not None else named + sum(1 for _ in self._default_graph())

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        if graph is not None:
            name = ox.NamedNode(graph)
            return (ox.Quad(t.subject, t.predicate, t.object, name) for t in self._graph_triples(graph))
        rows = self._select(f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._own_graphs()} }}")
        named = (ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)  # type: ignore[arg-type]
        default = (
            ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in self._default_graph()
        )
        return chain(named, default)

    def bulk_load(self, data: BinaryIO, fmt: ox.RdfFormat, *, graph: str | None = None) -> None:
        quads_in = fmt in _QUAD_FORMATS
        if self.gsp_url and (not quads_in or (graph is None and self.layout.dataset_post)):
            params: dict[str, str] = {"graph": graph} if graph else ({} if quads_in else {"default": ""})
            if quads_in:
                params["no_transaction"] = ""  # Oxigraph's bulk loader: the contract says not transactional
            body = iter(lambda: data.read(1 << 20), b"")
            # A streamed body cannot be sent twice: only a refused connection is retried.
            response = self._send(
                "POST",
                self.gsp_url,
                idempotent=False,
                params=params,
                content=body,
                headers={"Content-Type": fmt.media_type},
            )
            if response.status_code == 400:  # pyoxigraph raises SyntaxError for a malformed file: so do we
                raise SyntaxError(response.text.strip()[:2000])
            self._check(response, "bulk load")
            return
        target = ox.NamedNode(graph) if graph else None
        parsed = ox.parse(data, fmt)
        quads = (ox.Quad(q.subject, q.predicate, q.object, target) if target else q for q in parsed)
        for chunk in chunks(quads, self.batch_bytes):
            if self.layout.skolemize:
                chunk = skolemized(chunk)
            self._update(data_block("INSERT", chunk), idempotent=not any(has_blank(q) for q in chunk))

    def close(self) -> None:
        self.client.close()

    # -- reading graphs -------------------------------------------------------------------------

    def _graph_triples(self, graph: str) -> Iterator[ox.Triple]:
        if not self.gsp_url:
            result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}")
            return iter(result)  # type: ignore[arg-type]
        return self._gsp_get({"graph": graph})

    def _default_graph(self) -> Iterator[ox.Triple]:
        """The stored default graph (not the union): over the GSP; without it firmgraph assumes it empty."""
        return self._gsp_get({"default": ""}) if self.gsp_url and self.layout.default_graph else iter(())

    def _gsp_get(self, params: dict[str, str]) -> Iterator[ox.Triple]:
        assert self.gsp_url
        response = self._send(
            "GET", self.gsp_url, idempotent=True, params=params, headers={"Accept": "application/n-triples"}
        )
        if response.status_code == 404:
            return iter(())
        self._check(response, "graph store read")
        media = response.headers.get("Content-Type", "application/n-triples").split(";")[0].strip()
        fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        return (ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(response.content, fmt))

    # -- staged commits -------------------------------------------------------------------------

    def _staged_commit(self, commit: Commit) -> None:
        """Stage, count, swap in with one self-checking operation, then drop the staging graph."""
        stage = f"{STAGING}{int(time.time() * 1000)}-{uuid.uuid4().hex}"
        if commit.remove:  # a few re-resolved canonical events: removed first, then the swap re-adds
            self._update(data_block("DELETE", commit.remove), idempotent=True)
        quads = commit_quads(commit)
        for q in quads:
            if isinstance(q.graph_name, ox.DefaultGraph):
                raise StoreError("a staged commit writes named graphs only")
        try:
            n = self._stage(stage, quads)
            (row,) = self._select(
                f"PREFIX stg: <{STG}> SELECT (COUNT(*) AS ?n) WHERE {{ {staged_pattern(stage)} }}"
            )
            if int(row["n"].value) != n:
                raise StoreError(
                    f"staging {stage} holds {row['n'].value} statements, not {n}: nothing was swapped in"
                )
            self._update(swap_update(stage, n, list(commit.replace)), idempotent=True)
        except BaseException:
            self._drop_quietly(stage)
            raise
        expected = {
            g: len({(q.subject, q.predicate, q.object) for q in content})
            for g, content in commit.replace.items()
        }
        for g, size in expected.items():
            if self.count(g) != size:
                raise StoreError(f"the staged commit did not land in {g} (was its staging graph dropped?)")
        self._drop_quietly(stage)

    def _stage(self, stage: str, quads: list[ox.Quad]) -> int:
        """Write the encoded statements in chunks; returns how many were written."""
        n = 0
        for chunk in chunks(quads, self.batch_bytes):
            lines = []
            for q in chunk:
                st = f"<{stage}#{n}>"
                n += 1
                lines.append(
                    f"{st} <{STG}g> {encode_term(q.graph_name)} .\n{st} <{STG}s> {encode_term(q.subject)} .\n"
                    f"{st} <{STG}p> {encode_term(q.predicate)} .\n{st} <{STG}o> {encode_term(q.object)} ."
                )
            body = "\n".join(lines) + "\n"
            if self.gsp_url:
                response = self._send(
                    "POST",
                    self.gsp_url,
                    idempotent=True,  # statement IRIs make a repeat a no-op; the count check catches the rest
                    params={"graph": stage},
                    content=body.encode(),
                    headers={"Content-Type": "application/n-triples"},
                )
                self._check(response, "staging write")
            else:
                self._update(f"INSERT DATA {{ GRAPH <{stage}> {{\n{body}}} }}", idempotent=True)
        return n

    def _drop_quietly(self, stage: str) -> None:
        # An unreachable server keeps the staging graph; discard_staging() clears it later.
        with contextlib.suppress(StoreError):
            self._update(f"DROP SILENT GRAPH <{stage}>", idempotent=True)

    def staging_graphs(self) -> list[str]:
        """Staging graphs left on the server (by crashed imports, or by commits under way)."""
        rows = self._select(
            f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{STAGING}")) }}'
        )
        return sorted(r["g"].value for r in rows)

    def discard_staging(self, *, older_than: float = 3600.0) -> list[str]:
        """Drop staging graphs older than `older_than` seconds (younger ones may belong to a live commit)."""
        cutoff = (time.time() - older_than) * 1000
        dropped = []
        for g in self.staging_graphs():
            stamp = g[len(STAGING) :].split("-", 1)[0]
            if not stamp.isdigit() or int(stamp) <= cutoff:
                self._update(f"DROP SILENT GRAPH {iri(g)}", idempotent=True)
                dropped.append(g)
        return dropped
