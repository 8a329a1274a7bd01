"""Bounded SPARQL queries: each query runs in a worker process that is killed when it overruns.

pyoxigraph has no query timeout, and a query cannot be interrupted from Python: a thread that
runs one stays busy until the query ends. So queries run in worker processes:

- Each worker opens a read-only view of the store. Not the live RocksDB folder (opening it
  read-only while the server writes is undefined behaviour) but a checkpoint
  (`pyoxigraph.Store.backup`: hard links, milliseconds) taken when a query finds the store
  changed since the last one. Workers reopen when a newer checkpoint exists; old ones are
  deleted once no worker uses them. An in-memory store is copied into an on-disk checkpoint.
- A worker past the time limit is SIGKILLed and replaced, so its CPU is free at once.
- Spare workers are kept idle, so a simple query never waits behind slow ones; a query that has
  run longer than `nice_after` seconds while other queries run is moved to the lowest CPU
  priority (and its worker is retired afterwards where the server may not raise its priority
  again: unprivileged). A query running alone keeps its full share of the CPU.
- Workers fork from a server process that has imported pyoxigraph once (multiprocessing's
  forkserver), so a new worker costs milliseconds, not an interpreter start.

Results are serialised in the worker by pyoxigraph's own writers and cross the pipe as bytes.
`execute_async` waits for them on the event loop (a reader on the worker's pipe), so a query that
finds an idle worker costs no thread hop; only a query that must wait for a worker waits in a thread.

The pool is in `pool.py`, the worker process and the checkpoints in `workers.py`.
"""

from __future__ import annotations

from typing import Any, Protocol

from firmgraph.graph.errors import QueryError
from firmgraph.graph.settings import DEFAULT_QUERY_TIMEOUT
from firmgraph.graph.sparql.pool import WorkerPool
from firmgraph.graph.sparql.results import QueryJob, QueryOutcome, query_error, run_job, serialize_result
from firmgraph.graph.sparql.workers import pool_size
from firmgraph.graph.store import Store

__all__ = [
    "InlineEngine",
    "QueryEngine",
    "QueryJob",
    "QueryOutcome",
    "WorkerPool",
    "open_engine",
    "pool_size",
    "run_job",
]


class QueryEngine(Protocol):
    """Runs queries within a time limit."""

    timeout: float

    def execute(self, job: QueryJob, *, timeout: float | None = None) -> QueryOutcome:
        """Run a job; raises QueryError (malformed) or QueryTimeoutError (stopped)."""
        ...

    def refresh(self) -> None:
        """The store has changed: later queries must see the change."""
        ...

    def close(self) -> None: ...


# -- stores without checkpoints ---------------------------------------------------------------


class InlineEngine:
    """Runs queries through a Store that bounds them itself (a remote endpoint's HTTP timeout)."""

    def __init__(self, store: Store, *, timeout: float = DEFAULT_QUERY_TIMEOUT) -> None:
        self.store = store
        self.timeout = timeout

    def execute(self, job: QueryJob, *, timeout: float | None = None) -> QueryOutcome:
        if job.default_graphs is None and not job.union_default_graph:
            raise QueryError("this store answers over the union of its graphs only")
        try:
            result = self.store.query(
                job.text,
                default_graphs=list(job.default_graphs) if job.default_graphs is not None else None,
                named_graphs=list(job.named_graphs) if job.named_graphs is not None else None,
            )
        except (SyntaxError, OSError) as e:
            raise query_error(e) from e
        return serialize_result(result, job)

    def refresh(self) -> None:
        pass

    def close(self) -> None:
        pass


def open_engine(store: Store, *, timeout: float = DEFAULT_QUERY_TIMEOUT, **pool_options: Any) -> QueryEngine:
    """The engine for a store: worker processes over checkpoints for the embedded store."""
    if store.native is not None:
        return WorkerPool(store, timeout=timeout, **pool_options)  # type: ignore[arg-type]
    return InlineEngine(store, timeout=timeout)
