"""Loading and validating: trusted restore vs raw pyoxigraph and rdflib; validated imports vs store size.

(a) `firmgraph restore` of a ~1M-triple synthetic dump against raw `pyoxigraph.Store.bulk_load` on disk
    (target >= 0.5x) and rdflib's in-memory parse;
(b) validated import of one record source at store sizes 10k, 100k and 1M triples, and the part of it
    that event resolution takes (target: flat);
(c) whole-store `validate` at 100k and 1M triples.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.pipeline.imports import RawSource
from firmgraph.graph.resolution import resolve_events
from firmgraph.graph.settings import Settings
from firmgraph.graph.synth.graph import records, write_synthetic

FIRMS_PER_MILLION = 1450
"""Firms that give about a million quads (measured: ~690 quads per firm)."""


def _timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def _dump(folder: Path, firms: int) -> tuple[Path, int]:
    path = folder / f"synth-{firms}.nq"
    quads = write_synthetic(path, firms=firms, seed=7, base=Settings().base_iri)
    return path, quads


def bulk(folder: Path, firms: int, repeat: int) -> None:
    dump, quads = _dump(folder, firms)
    settings = Settings(store="unused")
    results: dict[str, list[float]] = {
        "firmgraph restore": [],
        "pyoxigraph bulk_load": [],
        "rdflib parse (memory)": [],
    }
    for i in range(repeat):
        with KnowledgeGraph.open(folder / f"fg-{i}", settings=settings) as kg:
            t = time.perf_counter()
            kg.restore(dump)
            results["firmgraph restore"].append(time.perf_counter() - t)
        raw = ox.Store(str(folder / f"ox-{i}"))
        t = time.perf_counter()
        raw.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        results["pyoxigraph bulk_load"].append(time.perf_counter() - t)
        del raw
        if i == 0:  # rdflib needs GBs and minutes at this size: one run is enough to show the gap
            t = time.perf_counter()
            rdflib.Dataset().parse(str(dump), format="nquads")
            results["rdflib parse (memory)"].append(time.perf_counter() - t)
    base = statistics.median(results["pyoxigraph bulk_load"])
    print(f"(a) trusted bulk load of {quads:,} quads (median of {repeat})")
    print(f"    {'loader':26} {'seconds':>8} {'quads/s':>10} {'vs pyoxigraph':>14}")
    for name, times in results.items():
        m = statistics.median(times)
        print(f"    {name:26} {m:8.2f} {quads / m:10,.0f} {base / m:13.2f}x")


def validated_imports(folder: Path, sizes: list[int], repeat: int) -> None:
    settings = Settings(store="unused")
    sample = [r for r, _ in records(12, seed=99)][:repeat]
    print(f"(b) validated import of one record source, by store size (median of {len(sample)})")
    print(f"    {'store quads':>12} {'ms/source':>10} {'of it: event resolution ms':>27}")
    for firms in sizes:
        dump, _ = _dump(folder, firms)
        with KnowledgeGraph.open(folder / f"sized-{firms}", settings=settings) as kg:
            kg.restore(dump)
            size = kg.store.count()
            times, resolving = [], []
            for n, record in enumerate(sample):
                data = json.dumps(record).encode()
                (batch,) = kg.importer().batches(RawSource(f"bench-{n}.json", data))
                t = time.perf_counter()
                resolve_events(kg.store, settings.base_iri, batch.source)
                resolving.append(time.perf_counter() - t)
                t = time.perf_counter()
                kg.import_bytes(f"bench-{n}.json", data)
                times.append(time.perf_counter() - t)
            ms, rs = 1000 * statistics.median(times), 1000 * statistics.median(resolving)
            print(f"    {size:12,} {ms:10.1f} {rs:27.1f}")


def whole_store_validation(folder: Path, sizes: list[int]) -> None:
    settings = Settings(store="unused")
    print("(c) whole-store validate")
    print(f"    {'store quads':>12} {'seconds':>8}")
    for firms in sizes:
        with KnowledgeGraph.open(folder / f"sized-{firms}", settings=settings) as kg:
            t = time.perf_counter()
            report = kg.validate()
            elapsed = time.perf_counter() - t
            print(f"    {kg.store.count():12,} {elapsed:8.1f}   ({len(report.violations)} violations)")


def run(scale: str) -> None:
    small = scale == "small"
    million = 100 if small else FIRMS_PER_MILLION
    with tempfile.TemporaryDirectory(prefix="fg-bench-") as tmp:
        folder = Path(tmp)
        bulk(folder, million, repeat=1 if small else 3)
        sizes = [5, 50] if small else [million // 100, million // 10, million]
        validated_imports(folder, sizes, repeat=5 if small else 11)
        whole_store_validation(folder, sizes[1:] if not small else sizes)
