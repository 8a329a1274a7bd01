"""Internal to the query engine: the worker process, read-only checkpoints of the store, the fork server,
and what the pool needs to know of its workers' memory and deaths.

See `firmgraph.graph.sparql.engine` for how they fit together; names here may change without notice.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import multiprocessing.spawn
import os
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from firmgraph.graph.errors import QueryError, QueryTimeoutError, StoreError
from firmgraph.graph.sandbox import deny_network, die_with_parent
from firmgraph.graph.sparql.results import QueryJob, QueryOutcome, query_error, run_job
from firmgraph.graph.store import EmbeddedStore

LARGE_ANSWER = 1 << 20
"""Bytes past which an answer is announced first, so the server can read it in a thread."""
OUT_OF_MEMORY = "the query was stopped: it needed more memory than a query may use"


# -- the worker process -----------------------------------------------------------------------


def worker_main(conn: Connection, memory_limit: int | None, network: bool = False) -> None:
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


def resident(pid: int) -> int:
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
    """(the most workers, the bytes the workers together may hold) from settings; 0: from the machine.

    Workers: six per core (8 to 32), so a few runaway queries (stopped at the timeout, at the lowest
    CPU priority meanwhile, and held to their own lane) never leave a simple query waiting, while an
    idle-sized pool stays small. Memory: a tenth of the RAM, at least 512 MiB, counted on the workers'
    resident memory (their start included); one query may take half of it, and when all together
    pass it the largest query is stopped.
    """
    default_workers = min(max(6 * (os.cpu_count() or 1), 8), 32)
    return workers or default_workers, memory or max(physical_memory() // 10, 512 << 20)


def limit_text(worker: Worker) -> str:
    """A worker's memory limit in words."""
    return f"{worker.memory_limit / (1 << 20):,.0f} MB" if worker.memory_limit else "a share of the memory"


def death(worker: Worker, over_budget: set[int]) -> QueryError:
    """Why a worker's pipe closed: a crash, the memory limit, or the kernel killing it."""
    worker.process.join(1)
    code = worker.process.exitcode
    if worker.pid in over_budget:
        over_budget.discard(worker.pid)
        return QueryTimeoutError(
            f"{OUT_OF_MEMORY}: the queries running together needed more than the server allows;"
            " try again, or narrow the query down"
        )
    if (
        code is not None and code < 0 and -code == signal.SIGABRT
    ):  # the engine aborts when an allocation fails
        return QueryTimeoutError(f"{OUT_OF_MEMORY} (one query may use {limit_text(worker)})")
    if code is not None and code < 0 and -code in (signal.SIGSEGV, signal.SIGBUS, signal.SIGILL):
        return QueryError(
            f"the query crashed the query engine ({signal.Signals(-code).name}); it is probably nested too"
            " deeply: simplify it"
        )
    if code is not None and code < 0 and -code == signal.SIGKILL:
        return QueryTimeoutError(f"{OUT_OF_MEMORY} (the system stopped its worker)")
    return QueryTimeoutError(f"{OUT_OF_MEMORY} (its worker ended with status {code})")


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


@dataclass(eq=False)  # hashed by identity: the memory watchdog keys its sizes by worker
class Worker:
    """A worker process, the pipe to it and the checkpoint it has open."""

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


def fork_context() -> Any:
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


def unpack(status: str, payload: Any) -> QueryOutcome:
    """A worker's answer: the outcome, or the error it reports."""
    if status == "ok":
        return payload  # type: ignore[no-any-return]
    if status == "memory":
        raise QueryTimeoutError(OUT_OF_MEMORY)
    if status == "syntax":
        raise query_error(SyntaxError(payload))
    raise query_error(OSError(payload))
