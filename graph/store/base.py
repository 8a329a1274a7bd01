"""The Store interface: the few operations firmgraph needs from any SPARQL 1.1 quad store."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

import pyoxigraph as ox

from firmgraph.graph.model.terms import iri

__all__ = ["Commit", "QueryResult", "Queryable", "Store", "commit_update", "data_block"]

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


class Queryable(Protocol):
    """What reading needs of a store: a Store, or the bounded queries of the server (sparql.bounded)."""

    def query(
        self, sparql: str, *, default_graphs: list[str] | None = None, named_graphs: list[str] | None = None
    ) -> QueryResult | list[ox.Triple]: ...

    def count(self, graph: str | None = None) -> int: ...

    def named_graphs(self) -> list[str]: ...


@dataclass
class Commit:
    """One atomic write: whole graphs replaced, and quads added to others (upserts)."""

    replace: Mapping[str, list[ox.Quad]] = field(default_factory=dict)
    """graph IRI -> the graph's complete new content (its quads' graph names are ignored)."""
    add: list[ox.Quad] = field(default_factory=list)
    """quads added where they stand (set semantics: adding what is there changes nothing)."""
    remove: list[ox.Quad] = field(default_factory=list)
    """quads removed where they stand, before the additions (a re-resolved canonical event's old facts)."""


class Store(ABC):
    """A quad store. Queries see the union of all named graphs as their default graph.

    Results use pyoxigraph's term and result classes whatever the backend, so callers
    serialise and iterate them one way.
    """

    location: str

    lateral: bool = False
    """Whether the store evaluates oxigraph's LATERAL (ego-network queries use it where it does)."""

    @property
    def native(self) -> ox.Store | None:
        """The in-process pyoxigraph store behind this one, or None (remote stores).

        Where there is one, queries run in workers over its checkpoints, guarded writes simulate
        their effect on it, and dumps stream from its own serialisers.
        """
        return None

    @abstractmethod
    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL 1.1 query; without default_graphs the default graph is the union."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update (trusted: callers guard what users send)."""

    @abstractmethod
    def commit(self, commit: Commit) -> None:
        """Apply a Commit atomically: readers see all of it or none of it."""

    @abstractmethod
    def drop_graph(self, graph: str) -> None:
        """Remove a named graph and everything in it (no error if absent)."""

    @abstractmethod
    def named_graphs(self) -> list[str]:
        """The IRIs of all named graphs."""

    @abstractmethod
    def count(self, graph: str | None = None) -> int:
        """Quads in one graph, or in the whole store."""

    @abstractmethod
    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Stream the quads of one graph or of the whole store."""

    @abstractmethod
    def bulk_load(self, data: BinaryIO, fmt: ox.RdfFormat, *, graph: str | None = None) -> None:
        """Load trusted data fast (no validation, not transactional)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store's resources."""

    def discard_staging(self, *, older_than: float = 3600.0) -> list[str]:
        """Drop what interrupted staged commits left, returning the graphs dropped (none here)."""
        return []

    def has_graph(self, graph: str) -> bool:
        """Whether a named graph exists."""
        return bool(self.query(f"ASK {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}"))

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def data_block(operation: str, quads: Iterable[ox.Quad]) -> str:
    """SPARQL `INSERT DATA` or `DELETE DATA` text for quads (named graphs kept)."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        key = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        by_graph.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = []
    for g, lines in by_graph.items():
        body = "\n".join(lines)
        parts.append(f"GRAPH {g} {{\n{body}\n}}" if g else body)
    return f"{operation} DATA {{\n" + "\n".join(parts) + "\n}"


def commit_update(commit: Commit) -> str:
    """One SPARQL update request that applies a Commit (DROP + INSERT DATA)."""
    ops = [f"DROP SILENT GRAPH {iri(g)}" for g in commit.replace]
    if commit.remove:
        ops.append(data_block("DELETE", commit.remove))
    quads: list[ox.Quad] = list(commit.add)
    for g, graph_quads in commit.replace.items():
        name = ox.NamedNode(g)
        quads.extend(ox.Quad(q.subject, q.predicate, q.object, name) for q in graph_quads)
    if quads:
        ops.append(data_block("INSERT", quads))
    return " ;\n".join(ops)
