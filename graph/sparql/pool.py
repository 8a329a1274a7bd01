"""The pool of query workers: hands each query to an idle worker, kills it past the time limit, keeps spares."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from firmgraph.graph.errors import FirmgraphError, QueryTimeoutError, StoreError
from firmgraph.graph.settings import DEFAULT_QUERY_TIMEOUT
from firmgraph.graph.sparql.results import QueryJob, QueryOutcome
from firmgraph.graph.sparql.spawning import WorkerSpawning
from firmgraph.graph.sparql.workers import Snapshots, Worker, death, pool_size, resident, unpack
from firmgraph.graph.store import EmbeddedStore

__all__ = ["WorkerPool"]

SUSPECTS = 4096
"""How many runaway query texts the pool remembers."""


class WorkerPool(WorkerSpawning):
    """Runs queries in worker processes over checkpoints of an embedded store.

    Args:
        store: the embedded store (on disk or in memory).
        timeout: seconds a query may take (waiting for a worker included).
        spares: idle workers kept ready beyond the busy ones.
        max_workers: the most workers at once; beyond, queries wait for one to come free.
        nice_after: seconds after which a running query gets the lowest CPU priority when other
            queries run too; while queries wait for a worker, `busy_nice_after` instead.
        memory_budget: bytes all running queries together may use beyond their workers' start
            (None: `pool_size`); one query may use half of it (an rlimit), and when the sum passes
            it the largest query is stopped.
        network: whether workers may open network sockets (only when SERVICE is enabled).
        max_result_bytes: answers larger than this are refused (None: no limit).
        idle_after: seconds after which idle workers beyond the spares are stopped.

    A query that ran into the time limit, the memory budget or crashed its worker is remembered (by
    its text, the last `SUSPECTS`): sent again, it waits until no other query waits and may hold
    at most half of the workers, so repeated runaway queries never queue simple ones behind them.
    """

    def __init__(
        self,
        store: EmbeddedStore,
        *,
        timeout: float = DEFAULT_QUERY_TIMEOUT,
        spares: int = 4,
        max_workers: int | None = None,
        nice_after: float = 0.25,
        busy_nice_after: float = 0.05,
        memory_budget: int | None = None,
        network: bool = False,
        max_result_bytes: int | None = 64 << 20,
        idle_after: float = 30.0,
    ) -> None:
        workers, budget = pool_size(max_workers or 0, memory_budget or 0)
        self.timeout = timeout
        self.spares = max(min(spares, workers), 1)
        self.max_workers = max(workers, self.spares)
        self.nice_after = nice_after
        self.busy_nice_after = min(busy_nice_after, nice_after)
        self.memory_budget = budget
        self.memory_limit = budget // 2
        self._over_budget: set[int] = set()
        """Workers the watchdog stopped because all queries together used too much memory."""
        self.network = network
        self.max_result_bytes = max_result_bytes
        self.idle_after = idle_after
        self._resident = 0
        """A fresh worker's resident bytes; one that grew far past it is retired after its query."""
        self.snapshots = Snapshots(store)
        self._idle: list[Worker] = []
        self._suspects: OrderedDict[str, None] = OrderedDict()
        """Texts of queries that ran away before, oldest first."""
        self._suspect_pids: set[int] = set()
        """Workers running a suspect query."""
        self._waiting_plain = 0
        """Queries that are not suspects waiting for a worker (they go first)."""
        self._live: dict[int, Worker] = {}
        self._starting = 0
        self._waiting = 0
        self._running = 0
        self._failures = 0
        self._broken: str | None = None
        self._closed = False
        self._cond = threading.Condition()
        self._waiters = ThreadPoolExecutor(max_workers=64, thread_name_prefix="firmgraph-query-wait")
        """Threads in which async queries wait for a worker when none is idle."""
        self._spawner = threading.Thread(target=self._spawn_loop, name="firmgraph-query-workers", daemon=True)
        self._spawner.start()
        threading.Thread(target=self._watch_memory, name="firmgraph-query-memory", daemon=True).start()
        with self._cond:
            self._cond.wait_for(
                lambda: len(self._idle) >= self.spares or self._broken is not None, timeout=60
            )
            if self._broken is not None:
                raise StoreError(f"query workers cannot start: {self._broken}")

    # public

    def execute(self, job: QueryJob, *, timeout: float | None = None) -> QueryOutcome:
        limit = self.timeout if timeout is None else timeout
        job = self._bounded(job)
        deadline = time.monotonic() + limit
        path = job.snapshot or self.snapshots.path()
        key = " ".join(job.text.split())
        worker = self._acquire(deadline, limit, suspect=self._is_suspect(key))
        reniced = healthy = False
        self._begin()
        try:
            worker.start(job, path)
            with self._remember_runaway(key):
                reniced = self._wait(worker, deadline, limit)
                try:
                    status, payload = worker.conn.recv()
                    if status == "large":
                        status, payload = worker.conn.recv()
                except (EOFError, OSError) as e:
                    raise death(worker, self._over_budget) from e
            healthy = True
        finally:
            self._end(worker, healthy=healthy, reniced=reniced)
        return unpack(status, payload)

    async def execute_async(self, job: QueryJob, *, timeout: float | None = None) -> QueryOutcome:
        """`execute` for the event loop: the answer is awaited on the worker's pipe, not in a thread."""
        limit = self.timeout if timeout is None else timeout
        job = self._bounded(job)
        deadline = time.monotonic() + limit
        if job.snapshot:
            path = job.snapshot
        elif self.snapshots.stale:
            path = await asyncio.to_thread(self.snapshots.path)  # a checkpoint takes milliseconds
        else:
            path = self.snapshots.path()
        key = " ".join(job.text.split())
        suspect = self._is_suspect(key)
        worker = None if suspect else self._try_acquire()
        if worker is None:  # all busy: wait for one in a thread (rare; the pool keeps spares)
            worker = await self._acquire_async(deadline, limit, suspect)
        reniced = healthy = False
        self._begin()
        try:
            worker.start(job, path)
            with self._remember_runaway(key):
                reniced = await self._wait_async(worker, deadline, limit)
                try:
                    status, payload = worker.conn.recv()
                    if status == "large":  # megabytes: read in a thread, the event loop serves others
                        loop = asyncio.get_running_loop()
                        status, payload = await loop.run_in_executor(self._waiters, worker.conn.recv)
                except (EOFError, OSError) as e:
                    raise death(worker, self._over_budget) from e
            healthy = True
        finally:
            # a cancelled wait (the client left) kills the worker, and with it the query
            self._end(worker, healthy=healthy, reniced=reniced)
        return unpack(status, payload)

    def refresh(self) -> None:
        self.snapshots.mark_stale()

    def _bounded(self, job: QueryJob) -> QueryJob:
        if job.max_bytes is None and self.max_result_bytes is not None:
            return replace(job, max_bytes=self.max_result_bytes)
        return job

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers = list(self._live.values())
            self._live.clear()
            self._idle.clear()
            self._cond.notify_all()
        for worker in workers:
            worker.kill()
        self._spawner.join(timeout=5)
        self._waiters.shutdown(wait=False)
        self.snapshots.close()

    def stats(self) -> dict[str, int]:
        """How many workers are alive, idle and starting, how many queries wait, how many runaways run again."""
        with self._cond:
            return {
                "workers": len(self._live),
                "idle": len(self._idle),
                "starting": self._starting,
                "waiting": self._waiting,
                "runaways": len(self._suspect_pids),
            }

    def pids(self) -> list[int]:
        with self._cond:
            return list(self._live)

    # internals

    def _wait(self, worker: Worker, deadline: float, limit: float) -> bool:
        """Wait for the worker's answer; lower its priority when it runs long. Returns whether it did."""
        started, reniced = time.monotonic(), False
        while True:
            reniced, step = self._step(worker, started, deadline, limit, reniced)
            if worker.conn.poll(step):
                return reniced

    def _step(
        self, worker: Worker, started: float, deadline: float, limit: float, reniced: bool
    ) -> tuple[bool, float]:
        """One turn of a wait: stop at the deadline, lower a long query's priority, say how long to sleep."""
        now = time.monotonic()
        if now >= deadline:
            raise QueryTimeoutError(
                f"the query ran longer than {limit:g} s and was stopped; narrow it down or add a LIMIT"
            )
        if not reniced:
            renice_at = self.busy_nice_after if self._waiting else self.nice_after
            # only when other queries compete: alone, a long query keeps its full share of the CPU
            if now - started >= renice_at and (self._waiting or self._running > 1):
                worker.lower_priority()
                reniced = True
        # short slices until then, so newly arriving queries are noticed
        return reniced, deadline - now if reniced else min(deadline - now, 0.05)

    async def _wait_async(self, worker: Worker, deadline: float, limit: float) -> bool:
        """`_wait` on the event loop: a reader on the worker's pipe wakes the query up."""
        loop = asyncio.get_running_loop()
        answered = loop.create_future()
        fd = worker.conn.fileno()
        loop.add_reader(fd, lambda: answered.done() or answered.set_result(None))
        try:
            started, reniced = time.monotonic(), False
            while not answered.done():
                reniced, step = self._step(worker, started, deadline, limit, reniced)
                await asyncio.wait((answered,), timeout=step)
            return reniced
        finally:
            loop.remove_reader(fd)
            answered.cancel()
            # uvloop leaves a watched descriptor non-blocking; recv must wait for all of a long answer
            with contextlib.suppress(OSError):
                os.set_blocking(fd, True)

    def _is_suspect(self, key: str) -> bool:
        with self._cond:
            return key in self._suspects

    @contextlib.contextmanager
    def _remember_runaway(self, key: str) -> Iterator[None]:
        """Remember the query when it runs past its time or memory, or crashes its worker."""
        try:
            yield
        except FirmgraphError:
            with self._cond:
                self._suspects[key] = None
                self._suspects.move_to_end(key)
                while len(self._suspects) > SUSPECTS:
                    self._suspects.popitem(last=False)
            raise

    async def _acquire_async(self, deadline: float, limit: float, suspect: bool = False) -> Worker:
        """`_acquire` in a waiting thread; a worker it finds after the caller gave up goes back."""
        waiting = self._waiters.submit(self._acquire, deadline, limit, suspect)
        try:
            return await asyncio.wrap_future(waiting)
        except asyncio.CancelledError:
            waiting.add_done_callback(
                lambda f: (
                    None
                    if f.cancelled() or f.exception() is not None
                    else self._release(f.result(), keep=True)
                )
            )
            raise

    def _try_acquire(self) -> Worker | None:
        """An idle worker at once, or None (without waiting)."""
        with self._cond:
            if self._closed or not self._idle or self._waiting:
                return None  # queries already waiting for a worker go first
            worker = self._idle.pop()
            if self._wanted(self._starting) > 0:
                self._cond.notify_all()  # the spawner tops the spares up (else no thread wakes)
            return worker

    def _acquire(self, deadline: float, limit: float, suspect: bool = False) -> Worker:
        with self._cond:
            self._waiting += 1
            self._waiting_plain += not suspect
            try:
                while True:
                    if self._closed:
                        raise StoreError("the query service is shutting down")
                    if self._broken and not self._live:
                        raise StoreError(f"query workers cannot start: {self._broken}")
                    if self._idle and (not suspect or self._lane_open()):
                        worker = self._idle.pop()
                        if suspect:
                            self._suspect_pids.add(worker.pid)
                        self._cond.notify_all()  # the spawner tops the spares up
                        return worker
                    self._cond.notify_all()
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise QueryTimeoutError(
                            f"no query worker came free within {limit:g} s: the server is busy, try again"
                        )
                    self._cond.wait(remaining)
            finally:
                self._waiting -= 1
                self._waiting_plain -= not suspect

    def _lane_open(self) -> bool:
        """Whether a suspect query may take a worker now (call with the lock held)."""
        return not self._waiting_plain and len(self._suspect_pids) < max(self.max_workers // 2, 1)

    def _begin(self) -> None:
        with self._cond:
            self._running += 1

    def _end(self, worker: Worker, *, healthy: bool, reniced: bool) -> None:
        with self._cond:
            self._running -= 1
        self._release(worker, keep=healthy and (not reniced or worker.restore_priority()))

    def _release(self, worker: Worker, *, keep: bool) -> None:
        if keep and self._resident and resident(worker.pid) > 2 * self._resident + (64 << 20):
            keep = False  # a big query left its heap behind: a fresh worker is smaller
        if not keep:
            worker.kill()
        with self._cond:
            self._suspect_pids.discard(worker.pid)
            if keep and not self._closed:
                worker.idle_since = time.monotonic()
                self._idle.append(worker)
            else:
                self._live.pop(worker.pid, None)
            in_use = {w.snapshot for w in self._live.values() if w.snapshot}
            # wake waiting queries and the spawner only when they have something to do
            if self._waiting or not keep or self._closed or self._wanted(self._starting) > 0:
                self._cond.notify_all()
        self.snapshots.discard_unused(in_use)  # type: ignore[arg-type]
