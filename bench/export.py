"""Dumps: `firmgraph export` of a ~1M-quad store in each format vs pyoxigraph's and the `oxigraph` CLI's own.

For every format: quads/s of firmgraph's export, of pyoxigraph (`Store.dump` for dataset formats;
`pyoxigraph.serialize` of the union's triples for Turtle and N-Triples, which `Store.dump` cannot
write) and of `oxigraph dump` (dataset formats only: for triple formats the CLI needs one named
graph, and our union is not one), each run in a fresh process; medians of several runs and ratios
firmgraph / peer. Peak RSS of each process, minus its RSS before the dump, at 100k and 1M quads:
flat across sizes means the export streams.

Results go to bench-results/export.json.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from firmgraph.graph.publish.export import FORMATS, export_to_path
from firmgraph.graph.settings import Settings
from firmgraph.graph.store import open_store
from firmgraph.graph.synth.graph import write_synthetic

FIRMS_PER_MILLION = 1450
"""Firms that give about a million quads (~690 quads per firm)."""
REPO = Path(__file__).resolve().parents[1]
PEERS = ("firmgraph", "pyoxigraph", "oxigraph CLI")


def _status_kb(field: str, pid: int | str = "self") -> int:
    """A memory line of /proc/PID/status in kB: VmRSS (now) or VmHWM (peak of this program image).

    Not getrusage: a child's ru_maxrss starts from its parent's peak (it survives fork and exec).
    """
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


class _AnonPeak:
    """Samples RssAnon (heap, not the store's memory-mapped files) every 10 ms in a thread; keeps the peak."""

    def __init__(self) -> None:
        self.peak = _status_kb("RssAnon")
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.stop.wait(0.01):
            self.peak = max(self.peak, _status_kb("RssAnon"))

    def done(self) -> int:
        self.stop.set()
        self.thread.join()
        return max(self.peak, _status_kb("RssAnon"))


def child(peer: str, fmt_name: str, store_path: str, out: str) -> dict[str, float]:
    """One dump in this (fresh) process: seconds, quads, baseline and peak RSS in kB (all, and anonymous)."""
    fmt = FORMATS[fmt_name]
    if peer == "oxigraph CLI":
        binary = Path(sys.executable).parent / "oxigraph"
        t = time.perf_counter()
        process = subprocess.Popen(
            [str(binary), "dump", "--location", store_path, "--file", out, "--format", fmt.extension],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        peak = 0
        while process.poll() is None:  # VmHWM only grows: the last reading before exit is the peak
            with contextlib.suppress(OSError, KeyError):  # it may exit between poll and read
                peak = max(peak, _status_kb("VmHWM", process.pid))
            time.sleep(0.01)
        seconds = time.perf_counter() - t
        if process.returncode:
            raise SystemExit(f"oxigraph dump failed with {process.returncode}")
        return {"seconds": seconds, "baseline_kb": 0.0, "peak_kb": float(peak)}
    if peer == "firmgraph":
        store = open_store(store_path)
        before = _status_kb("VmRSS")
        anon_before, anon = _status_kb("RssAnon"), _AnonPeak()
        t = time.perf_counter()
        export_to_path(store, out, fmt)
        seconds = time.perf_counter() - t
    else:
        raw = ox.Store(store_path)
        before = _status_kb("VmRSS")
        anon_before, anon = _status_kb("RssAnon"), _AnonPeak()
        t = time.perf_counter()
        with open(out, "wb") as f:
            if fmt.quads:
                raw.dump(f, ox.RdfFormat.JSON_LD if fmt.rdf is None else fmt.rdf)
            else:
                ox.serialize((q.triple for q in raw), f, fmt.rdf)
        seconds = time.perf_counter() - t
    peak = _status_kb("VmHWM")
    anon_grew = anon.done() - anon_before
    return {
        "seconds": seconds,
        "baseline_kb": float(before),
        "peak_kb": float(peak),
        "anon_kb": float(anon_grew),
    }


def _measure(peer: str, fmt: str, store: Path, folder: Path) -> dict[str, float]:
    out = folder / f"out.{FORMATS[fmt].extension}"
    done = subprocess.run(
        [sys.executable, "-m", "bench.export", peer, fmt, str(store), str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    result["bytes"] = float(out.stat().st_size)
    out.unlink()
    return result


def _store(folder: Path, firms: int) -> tuple[Path, int]:
    dump = folder / f"synth-{firms}.nq"
    write_synthetic(dump, firms=firms, seed=11, base=Settings().base_iri)
    location = folder / f"store-{firms}"
    with open_store(str(location)) as store, dump.open("rb") as data:
        store.bulk_load(data, ox.RdfFormat.N_QUADS)
        quads = store.count()
    dump.unlink()
    return location, quads


def run(scale: str) -> None:
    small = scale == "small"
    repeat = int(os.environ.get("BENCH_REPEAT", 1 if small else 3))
    sizes = [10, 100] if small else [FIRMS_PER_MILLION // 10, FIRMS_PER_MILLION]
    formats = os.environ.get("BENCH_FORMATS", ",".join(FORMATS)).split(",")
    report: dict[str, object] = {"repeat": repeat, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="fg-bench-export-") as tmp:
        folder = Path(tmp)
        for firms in sizes:
            store, quads = _store(folder, firms)
            results: dict[str, dict[str, list[dict[str, float]]]] = {}
            for fmt in formats:
                for _ in range(repeat):  # interleaved, so noise hits every peer alike
                    for peer in PEERS:
                        if peer == "oxigraph CLI" and not FORMATS[fmt].quads:
                            continue
                        results.setdefault(fmt, {}).setdefault(peer, []).append(
                            _measure(peer, fmt, store, folder)
                        )
            report["sizes"][str(quads)] = results  # type: ignore[index]
            _print(quads, results, repeat)
    out = REPO / "bench-results"
    out.mkdir(exist_ok=True)
    suffix = "" if formats == list(FORMATS) else "-" + "-".join(formats)
    (out / f"export{suffix}.json").write_text(json.dumps(report, indent=1))
    _print_flatness(report)


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _print(quads: int, results: dict[str, dict[str, list[dict[str, float]]]], repeat: int) -> None:
    print(f"export of {quads:,} quads (median of {repeat} runs, each in a fresh process)")
    print(
        f"    {'format':9} {'peer':13} {'seconds':>8} {'quads/s':>10} {'MB':>7} {'peak RSS MB':>12}"
        f" {'+ over start':>12} {'firmgraph/peer':>15}"
    )
    for fmt, peers in results.items():
        mine = _median(peers["firmgraph"], "seconds")
        for peer, runs in peers.items():
            seconds = _median(runs, "seconds")
            peak = _median(runs, "peak_kb") / 1024
            grew = statistics.median(r["peak_kb"] - r["baseline_kb"] for r in runs) / 1024
            ratio = "" if peer == "firmgraph" else f"{seconds / mine:14.2f}x"
            print(
                f"    {fmt:9} {peer:13} {seconds:8.2f} {quads / seconds:10,.0f} "
                f"{_median(runs, 'bytes') / 1e6:7.1f} {peak:12.0f} {grew:12.0f} {ratio:>15}"
            )


def _print_flatness(report: dict[str, object]) -> None:
    sizes = report["sizes"]
    assert isinstance(sizes, dict)
    if len(sizes) < 2:
        return
    (small, small_results), (large, large_results) = sorted(sizes.items(), key=lambda kv: int(kv[0]))
    print(
        f"peak RSS growth while exporting (MB over the process's RSS before the dump): {small} vs {large} quads"
    )
    for fmt in large_results:
        for peer in large_results[fmt]:
            a = statistics.median(r["peak_kb"] - r["baseline_kb"] for r in small_results[fmt][peer]) / 1024
            b = statistics.median(r["peak_kb"] - r["baseline_kb"] for r in large_results[fmt][peer]) / 1024
            anon = [
                statistics.median(r.get("anon_kb", float("nan")) for r in res[fmt][peer]) / 1024
                for res in (small_results, large_results)
            ]
            print(
                f"    {fmt:9} {peer:13} {a:8.0f} {b:8.0f}   anonymous (heap): {anon[0]:6.1f} {anon[1]:6.1f}"
            )


if __name__ == "__main__":
    peer_name, format_name, store_location, output = sys.argv[1:5]
    print(json.dumps(child(peer_name, format_name, store_location, output)))
