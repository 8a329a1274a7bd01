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
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
import multiprocessing.connection
import multiprocessing.spawn
import os
import shutil
import signal
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from firmgraph.graph.errors import QueryError, QueryTimeoutError, StoreError
from firmgraph.graph.results import QueryJob, QueryOutcome, query_error, run_job, serialize_result
from firmgraph.graph.sandbox import deny_network, die_with_parent
from firmgraph.graph.store import EmbeddedStore, Store

__all__ = [
    "InlineEngine",
    "QueryEngine",
    "QueryJob",
    "QueryOutcome",
    "WorkerPool",
    "open_engine",
    "run_job",
]


LARGE_ANSWER = 1 << 20
"""Bytes past which an answer is announced first, so the server can read it in a thread."""
_OUT_OF_MEMORY = "the query was stopped: it needed more memory than a query may use"


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


# -- the worker process -----------------------------------------------------------------------


def _worker_main(conn: Connection, memory_limit: int | None, network: bool = False) -> None:
    """A worker's loop: (None, path) -> ('ready',); (job, path) -> ('ok', outcome) or an error.

    An outcome over LARGE_ANSWER bytes is announced first with ('large', size). Without
    `network` the worker cannot open IPv4/IPv6 sockets (SERVICE is off).
    """
    die_with_parent()
    os.environ["RUST_BACKTRACE"] = "0"  # a query that runs out of memory says so in one line
    if not network:
        deny_network()
    if memory_limit:
        import resource

        # the data segment it starts with (interpreter, libraries) plus what one query may use; the
        # data limit, not RLIMIT_AS: thread stacks and malloc arenas reserve address space unused
        limit = _data_size() + memory_limit
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    store: ox.Store | None = None
    opened: str | None = None
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        job, path = message
        try:
            if path != opened:
                store = None  # close the older checkpoint first
                store = ox.Store.read_only(path)
                opened = path
            if job is None:
                conn.send(("ready", None))
                continue
            outcome = run_job(store, job)  # type: ignore[arg-type]
            if len(outcome.body) > LARGE_ANSWER:
                conn.send(("large", len(outcome.body)))  # the server reads this one off its event loop
            conn.send(("ok", outcome))
        except SyntaxError as e:
            conn.send(("syntax", str(e)))
        except MemoryError:
            store = None
            opened = None
            conn.send(("memory", None))
        except (OSError, ValueError, TypeError, RuntimeError, QueryError) as e:
            conn.send(("error", str(e)))


def _data_size() -> int:
    """Bytes of this process's data segment and private mappings (VmData; 0 where /proc cannot tell)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _resident(pid: int) -> int:
    """Resident bytes of a process (0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def physical_memory() -> int:
    """Bytes of RAM of this machine (4 GiB where it cannot be told)."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 4 << 30


def pool_size(workers: int = 0, memory: int = 0) -> tuple[int, int]:
    """(the most workers, the bytes all queries together may use) from settings; 0: from the machine.

    Workers: 32, so a few runaway queries (stopped at the timeout, at the lowest CPU priority
    meanwhile) never leave a simple query waiting. Memory: an eighth of the RAM, at least 512 MiB;
    one query may take half of it, and when all together pass it the largest is stopped.
    """
    return workers or 32, memory or max(physical_memory() // 8, 512 << 20)


def limit_text(worker: _Worker) -> str:
    """A worker's memory limit in words."""
    return f"{worker.memory_limit / (1 << 20):,.0f} MB" if worker.memory_limit else "a share of the memory"


def _death(worker: _Worker, over_budget: set[int]) -> QueryError:
    """Why a worker's pipe closed: a crash, the memory limit, or the kernel killing it."""
    worker.process.join(1)
    code = worker.process.exitcode
    if worker.pid in over_budget:
        over_budget.discard(worker.pid)
        return QueryTimeoutError(
            f"{_OUT_OF_MEMORY}: the queries running together needed more than the server allows;"
            " try again, or narrow the query down"
        )
    if (
        code is not None and code < 0 and -code == signal.SIGABRT
    ):  # the engine aborts when an allocation fails
        return QueryTimeoutError(f"{_OUT_OF_MEMORY} (one query may use {limit_text(worker)})")
    if code is not None and code < 0 and -code in (signal.SIGSEGV, signal.SIGBUS, signal.SIGILL):
        return QueryError(
            f"the query crashed the query engine ({signal.Signals(-code).name}); it is probably nested too"
            " deeply: simplify it"
        )
    if code is not None and code < 0 and -code == signal.SIGKILL:
        return QueryTimeoutError(f"{_OUT_OF_MEMORY} (the system stopped its worker)")
    return QueryTimeoutError(f"{_OUT_OF_MEMORY} (its worker ended with status {code})")


# -- checkpoints ------------------------------------------------------------------------------


class Snapshots:
    """Generations of read-only checkpoints of an embedded store, taken when the store changed."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.on_disk = store.location != ":memory:"
        if self.on_disk:
            # beside the store: a checkpoint hard-links the store's files, so same file system
            location = Path(store.location).resolve()
            self.root = location.parent / f".{location.name}-snapshots"
            shutil.rmtree(self.root, ignore_errors=True)  # left over from a crash
            self.root.mkdir()
        else:
            self.root = Path(tempfile.mkdtemp(prefix="firmgraph-snapshots-"))
        self.generation = 0
        self.current: str | None = None
        self.stale = True
        self._lock = threading.Lock()
        self._kept: frozenset[str | None] = frozenset()

    def path(self) -> str:
        """The newest checkpoint (taken now if the store changed since the last one)."""
        with self._lock:
            if self.stale or self.current is None:
                self.generation += 1
                target = self.root / f"gen-{self.generation}"
                self._take(target)
                self.current = str(target)
                self.stale = False
            return self.current

    def _take(self, target: Path) -> None:
        try:
            if self.on_disk:
                self.store.ox.backup(str(target))
            else:
                copy = ox.Store(str(target))
                copy.bulk_extend(self.store.ox.quads_for_pattern(None, None, None, None))
                copy.flush()
                del copy
        except OSError as e:
            raise StoreError(f"cannot take a read-only checkpoint of the store: {e}") from e

    def mark_stale(self) -> None:
        with self._lock:
            self.stale = True

    def discard_unused(self, in_use: set[str]) -> None:
        """Delete checkpoints that are neither current nor open in a worker."""
        with self._lock:
            keep = frozenset(in_use | {self.current})
            if keep == self._kept:
                return  # nothing changed since the last look: no directory listing per query
            self._kept = keep
            for child in self.root.iterdir():
                if str(child) not in keep:
                    shutil.rmtree(child, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


# -- the pool ---------------------------------------------------------------------------------


@dataclass
class _Worker:
    process: Any
    conn: Connection
    snapshot: str | None = None
    idle_since: float = field(default_factory=time.monotonic)
    memory_limit: int = 0

    @property
    def pid(self) -> int:
        return int(self.process.pid)

    def start(self, job: QueryJob, snapshot: str) -> None:
        """Hand the worker a query over the given checkpoint."""
        self.snapshot = snapshot
        self.conn.send((job, snapshot))

    def lower_priority(self) -> None:
        """Lowest CPU priority for every thread of the worker (setpriority acts per thread on Linux)."""
        try:
            tids = [int(t) for t in os.listdir(f"/proc/{self.pid}/task")]
        except OSError:
            tids = [self.pid]
        for tid in tids:
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, tid, 19)

    def restore_priority(self) -> bool:
        """Back to normal CPU priority; False where that is not allowed (unprivileged, RLIMIT_NICE)."""
        try:
            tids = [int(t) for t in os.listdir(f"/proc/{self.pid}/task")]
            for tid in tids:
                os.setpriority(os.PRIO_PROCESS, tid, 0)
        except OSError:
            return False
        return True

    def kill(self) -> None:
        """SIGKILL now; the exit status is collected in the background, so a timeout answers at once."""
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        self.conn.close()
        threading.Thread(target=self.process.join, args=(10,), daemon=True).start()


_context: Any = None
_context_lock = threading.Lock()
MAIN_PATH_VARIABLE = "FIRMGRAPH_WORKER_MAIN_PATH"
"""Tells the fork server (see graph/prefork.py) which main script the server runs."""


def _fork_context() -> Any:
    """The forkserver context; its server imports the app once, so workers start in milliseconds."""
    global _context
    with _context_lock:
        if _context is None:
            _context = mp.get_context("forkserver")
            # Python 3.11's fork server ignores "__main__" in its preload list, and a worker then
            # runs the main script again (the CLI: typer, FastAPI, ...; 0.6 s of CPU per worker).
            # The prefork module imports it in the fork server instead, as preloading should.
            main = mp.spawn.get_preparation_data("worker").get("init_main_from_path")
            if main:
                os.environ[MAIN_PATH_VARIABLE] = main
            _context.set_forkserver_preload([__name__, "firmgraph.graph.prefork"])
        return _context


class WorkerPool:
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
    """

    def __init__(
        self,
        store: EmbeddedStore,
        *,
        timeout: float = 10.0,
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
        self._idle: list[_Worker] = []
        self._live: dict[int, _Worker] = {}
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
        path = self.snapshots.path()
        worker = self._acquire(deadline, limit)
        reniced = healthy = False
        self._begin()
        try:
            worker.start(job, path)
            reniced = self._wait(worker, deadline, limit)
            try:
                status, payload = worker.conn.recv()
                if status == "large":
                    status, payload = worker.conn.recv()
            except (EOFError, OSError) as e:
                raise _death(worker, self._over_budget) from e
            healthy = True
        finally:
            self._end(worker, healthy=healthy, reniced=reniced)
        return _unpack(status, payload)

    async def execute_async(self, job: QueryJob, *, timeout: float | None = None) -> QueryOutcome:
        """`execute` for the event loop: the answer is awaited on the worker's pipe, not in a thread."""
        limit = self.timeout if timeout is None else timeout
        job = self._bounded(job)
        deadline = time.monotonic() + limit
        if self.snapshots.stale:
            path = await asyncio.to_thread(self.snapshots.path)  # a checkpoint takes milliseconds
        else:
            path = self.snapshots.path()
        worker = self._try_acquire()
        if worker is None:  # all busy: wait for one in a thread (rare; the pool keeps spares)
            worker = await self._acquire_async(deadline, limit)
        reniced = healthy = False
        self._begin()
        try:
            worker.start(job, path)
            reniced = await self._wait_async(worker, deadline, limit)
            try:
                status, payload = worker.conn.recv()
                if status == "large":  # megabytes: read in a thread, the event loop serves others meanwhile
                    loop = asyncio.get_running_loop()
                    status, payload = await loop.run_in_executor(self._waiters, worker.conn.recv)
            except (EOFError, OSError) as e:
                raise _death(worker, self._over_budget) from e
            healthy = True
        finally:
            # a cancelled wait (the client left) kills the worker, and with it the query
            self._end(worker, healthy=healthy, reniced=reniced)
        return _unpack(status, payload)

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
        """How many workers are alive, idle and starting, and how many queries wait for one."""
        with self._cond:
            return {
                "workers": len(self._live),
                "idle": len(self._idle),
                "starting": self._starting,
                "waiting": self._waiting,
            }

    def pids(self) -> list[int]:
        with self._cond:
            return list(self._live)

    # internals

    def _wait(self, worker: _Worker, deadline: float, limit: float) -> bool:
        """Wait for the worker's answer; lower its priority when it runs long. Returns whether it did."""
        started, reniced = time.monotonic(), False
        while True:
            reniced, step = self._step(worker, started, deadline, limit, reniced)
            if worker.conn.poll(step):
                return reniced

    def _step(
        self, worker: _Worker, started: float, deadline: float, limit: float, reniced: bool
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

    async def _wait_async(self, worker: _Worker, deadline: float, limit: float) -> bool:
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

    async def _acquire_async(self, deadline: float, limit: float) -> _Worker:
        """`_acquire` in a waiting thread; a worker it finds after the caller gave up goes back."""
        waiting = self._waiters.submit(self._acquire, deadline, limit)
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

    def _try_acquire(self) -> _Worker | None:
        """An idle worker at once, or None (without waiting)."""
        with self._cond:
            if self._closed or not self._idle or self._waiting:
                return None  # queries already waiting for a worker go first
            worker = self._idle.pop()
            if self._wanted(self._starting) > 0:
                self._cond.notify_all()  # the spawner tops the spares up (else no thread wakes)
            return worker

    def _acquire(self, deadline: float, limit: float) -> _Worker:
        with self._cond:
            self._waiting += 1
            try:
                while True:
                    if self._closed:
                        raise StoreError("the query service is shutting down")
                    if self._broken and not self._live:
                        raise StoreError(f"query workers cannot start: {self._broken}")
                    if self._idle:
                        worker = self._idle.pop()
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

    def _begin(self) -> None:
        with self._cond:
            self._running += 1

    def _end(self, worker: _Worker, *, healthy: bool, reniced: bool) -> None:
        with self._cond:
            self._running -= 1
        self._release(worker, keep=healthy and (not reniced or worker.restore_priority()))

    def _release(self, worker: _Worker, *, keep: bool) -> None:
        if keep and self._resident and _resident(worker.pid) > 2 * self._resident + (64 << 20):
            keep = False  # a big query left its heap behind: a fresh worker is smaller
        if not keep:
            worker.kill()
        with self._cond:
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

    def _wanted(self, starting: int) -> int:
        """How many more workers to start now (call with the lock held)."""
        if self._closed or self._broken is not None:
            return 0
        need = self.spares + self._waiting - len(self._idle) - starting
        room = self.max_workers - len(self._live) - starting
        return max(min(need, room), 0)

    def _spawn_loop(self) -> None:
        """Start workers in parallel (their checkpoint opens overlap) whenever spares run short."""
        starting: dict[Connection, tuple[_Worker, float]] = {}
        while True:
            with self._cond:
                self._cond.wait_for(
                    lambda: self._closed or bool(starting) or self._wanted(0) > 0,
                    timeout=max(self.idle_after / 2, 0.05),
                )
                if self._closed:
                    break
                count = self._wanted(len(starting))
                retired = self._retire_idle()
            for worker in retired:
                worker.kill()
            path = self.snapshots.path() if count else ""
            for _ in range(count):
                try:
                    worker = self._fork_worker(path)
                    starting[worker.conn] = (worker, time.monotonic())
                except Exception as e:
                    self._failed(str(e) or type(e).__name__)
            with self._cond:
                self._starting = len(starting)
            ready = mp.connection.wait(list(starting), timeout=0.05) if starting else []
            for conn in list(starting):
                worker, since = starting[conn]
                if conn in ready:
                    del starting[conn]
                    self._ready(worker)
                elif time.monotonic() - since > 30:
                    del starting[conn]
                    worker.kill()
                    self._failed("a query worker did not start within 30 s")
            with self._cond:
                self._starting = len(starting)
                self._cond.notify_all()
        for worker, _ in starting.values():
            worker.kill()

    def _watch_memory(self, every: float = 0.1) -> None:
        """Stop the largest query whenever all running queries together pass the memory budget."""
        while not self._closed:
            time.sleep(every)
            with self._cond:
                idle = {w.pid for w in self._idle}
                busy = [w for w in self._live.values() if w.pid not in idle]
            if not busy or not self._resident:
                continue
            grown = {w.pid: max(_resident(w.pid) - self._resident, 0) for w in busy}
            if sum(grown.values()) > self.memory_budget:
                largest = max(grown, key=grown.__getitem__)
                self._over_budget.add(largest)
                with contextlib.suppress(OSError):
                    os.kill(largest, signal.SIGKILL)

    def _retire_idle(self) -> list[_Worker]:
        """Idle workers beyond the spares, idle for `idle_after` seconds (call with the lock held)."""
        now = time.monotonic()
        retired: list[_Worker] = []
        while len(self._idle) > self.spares and now - self._idle[0].idle_since >= self.idle_after:
            worker = self._idle.pop(0)
            self._live.pop(worker.pid, None)
            retired.append(worker)
        return retired

    def _fork_worker(self, path: str) -> _Worker:
        ctx = _fork_context()
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_worker_main, args=(child, self.memory_limit, self.network), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent, path, memory_limit=self.memory_limit or 0)
        parent.send((None, path))
        return worker

    def _ready(self, worker: _Worker) -> None:
        try:
            status, payload = worker.conn.recv()
        except (EOFError, OSError) as e:
            status, payload = "error", f"the worker died while starting ({e or type(e).__name__})"
        if status != "ready":
            worker.kill()
            self._failed(str(payload))
            return
        with self._cond:
            if self._closed:
                worker.kill()
                return
            self._failures = 0
            if not self._resident:
                self._resident = _resident(worker.pid)
            self._live[worker.pid] = worker
            self._idle.append(worker)
            self._cond.notify_all()

    def _failed(self, reason: str) -> None:
        with self._cond:
            self._failures += 1
            if self._failures >= 3:
                self._broken = reason
                self._cond.notify_all()
        time.sleep(0.1)


def _unpack(status: str, payload: Any) -> QueryOutcome:
    """A worker's answer: the outcome, or the error it reports."""
    if status == "ok":
        return payload  # type: ignore[no-any-return]
    if status == "memory":
        raise QueryTimeoutError(_OUT_OF_MEMORY)
    if status == "syntax":
        raise query_error(SyntaxError(payload))
    raise query_error(OSError(payload))


# -- stores without checkpoints ---------------------------------------------------------------


class InlineEngine:
    """Runs queries through a Store that bounds them itself (a remote endpoint's HTTP timeout)."""

    def __init__(self, store: Store, *, timeout: float = 10.0) -> None:
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


def open_engine(store: Store, *, timeout: float = 10.0, **pool_options: Any) -> QueryEngine:
    """The engine for a store: worker processes over checkpoints for the embedded store."""
    if isinstance(store, EmbeddedStore):
        return WorkerPool(store, timeout=timeout, **pool_options)
    return InlineEngine(store, timeout=timeout)
