"""The embedded default: pyoxigraph on disk (RocksDB), or in memory for throwaway use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from firmgraph.graph.errors import QueryError, StorageFullError, StoreError, store_error
from firmgraph.graph.model.namespaces import PREFIXES
from firmgraph.graph.model.terms import iri
from firmgraph.graph.store.base import Commit, QueryResult, Store, commit_update

__all__ = ["EmbeddedStore"]


class EmbeddedStore(Store):
    """A pyoxigraph store in a folder (created if missing), or in memory when path is None."""

    lateral = True

    def __init__(self, path: str | Path | None = None) -> None:
        self.location = str(path) if path is not None else ":memory:"
        try:
            if path is not None:
                Path(path).mkdir(parents=True, exist_ok=True)
            self.ox = ox.Store(str(path)) if path is not None else ox.Store()
        except OSError as e:
            if isinstance(full := store_error(e, f"opening the store at {path}"), StorageFullError):
                raise full from e
            hint = (
                " Another firmgraph process holds it: stop that one, or query it over HTTP."
                if "lock" in str(e).lower()
                else ""
            )
            raise StoreError(f"cannot open the store at {path}: {e}.{hint}") from e

    @property
    def native(self) -> ox.Store:
        return self.ox

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        kwargs: dict[str, object] = {}
        if default_graphs is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            # fg:, schema:, rdfs: ... need no PREFIX line (a query's own PREFIX lines win)
            return self.ox.query(sparql, prefixes=PREFIXES, **kwargs)  # type: ignore[arg-type]
        except SyntaxError as e:
            raise QueryError(str(e)) from e

    def update(self, sparql: str) -> None:
        try:
            self.ox.update(sparql)
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        except RuntimeError as e:  # an operation that cannot apply: DROP of a missing graph, ...
            raise QueryError(f"the update cannot be applied: {e}") from e
        except OSError as e:
            raise store_error(e, "writing") from e

    def commit(self, commit: Commit) -> None:
        # One update request runs in one oxigraph transaction: all of it lands or none.
        try:
            self.ox.update(commit_update(commit))
        except OSError as e:
            raise store_error(e, "committing an import") from e

    def drop_graph(self, graph: str) -> None:
        self.ox.update(f"DROP SILENT GRAPH {iri(graph)}")

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def count(self, graph: str | None = None) -> int:
        where = (
            f"GRAPH {iri(graph)} {{ ?s ?p ?o }}" if graph else "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }"
        )
        (row,) = self.ox.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")  # type: ignore[misc]
        return int(row["n"].value)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        name = ox.NamedNode(graph) if graph else None
        return iter(self.ox.quads_for_pattern(None, None, None, name))

    def bulk_load(self, data: BinaryIO, fmt: ox.RdfFormat, *, graph: str | None = None) -> None:
        to_graph = ox.NamedNode(graph) if graph else None
        self.ox.bulk_load(data, format=fmt, to_graph=to_graph)

    def close(self) -> None:
        self.ox.flush()
        del self.ox
