"""The pool's own threads and their helpers: starting workers, retiring idle ones, the memory watchdog."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import threading
import time
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from firmgraph.graph.sparql.workers import Worker, fork_context, resident, worker_main

if TYPE_CHECKING:
    from firmgraph.graph.sparql.workers import Snapshots

__all__ = ["WorkerSpawning"]


class WorkerSpawning:
    """Mixed into WorkerPool: the spawner thread keeps `spares` idle workers (and no more than
    `max_workers`), retires those idle for `idle_after` seconds, and a watchdog stops the largest
    query when the workers together hold more than `memory_budget`. Call the underscore methods with the pool's lock
    held where they say so."""

    spares: int
    max_workers: int
    memory_budget: int
    memory_limit: int
    network: bool
    idle_after: float
    snapshots: Snapshots
    _idle: list[Worker]
    _live: dict[int, Worker]
    _starting: int
    _waiting: int
    _running: int
    _failures: int
    _broken: str | None
    _closed: bool
    _cond: threading.Condition
    _resident: int
    _over_budget: set[int]

    def _wanted(self, starting: int) -> int:
        """How many more workers to start now (call with the lock held)."""
        if self._closed or self._broken is not None:
            return 0
        need = self.spares + self._waiting - len(self._idle) - starting
        room = self.max_workers - len(self._live) - starting
        return max(min(need, room), 0)

    def _spawn_loop(self) -> None:
        """Start workers in parallel (their checkpoint opens overlap) whenever spares run short."""
        starting: dict[Connection, tuple[Worker, float]] = {}
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
        """Stop the largest query whenever the workers together hold more than the memory budget."""
        while not self._closed:
            time.sleep(every)
            with self._cond:
                idle = {w.pid for w in self._idle}
                live = list(self._live.values())
            busy = [w for w in live if w.pid not in idle]
            if not busy or not self._resident:
                continue
            held = {w.pid: resident(w.pid) for w in live}  # idle workers count too: the machine holds them
            grown = {pid: max(held[pid] - self._resident, 0) for pid in (w.pid for w in busy)}
            if sum(held.values()) > self.memory_budget and any(grown.values()):
                largest = max(grown, key=grown.__getitem__)
                self._over_budget.add(largest)
                with contextlib.suppress(OSError):
                    os.kill(largest, signal.SIGKILL)

    def _retire_idle(self) -> list[Worker]:
        """Idle workers beyond the spares, idle for `idle_after` seconds (call with the lock held)."""
        now = time.monotonic()
        retired: list[Worker] = []
        while len(self._idle) > self.spares and now - self._idle[0].idle_since >= self.idle_after:
            worker = self._idle.pop(0)
            self._live.pop(worker.pid, None)
            retired.append(worker)
        return retired

    def _fork_worker(self, path: str) -> Worker:
        ctx = fork_context()
        parent, child = ctx.Pipe()
        process = ctx.Process(target=worker_main, args=(child, self.memory_limit, self.network), daemon=True)
        process.start()
        child.close()
        worker = Worker(process, parent, path, memory_limit=self.memory_limit or 0)
        parent.send((None, path))
        return worker

    def _ready(self, worker: Worker) -> None:
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
                self._resident = resident(worker.pid)
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
