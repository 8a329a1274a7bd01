"""Extraction throughput: articles per second on one core, for extraction alone, reading plus extraction,
and the whole import (read, extract, build, validate, commit); and import time per article by store size.

The corpus is the project's own test set (tests/corpus/articles), plus the shared samples when they are
beside the repository. Every timing is the median of repeated passes; one process, so per core.
Target (issue 3): >= 50 articles/s per core for extraction; import time per article flat in store size.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from firmgraph.graph.extraction import get_extractor
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from firmgraph.graph.sources import read_path
from firmgraph.graph.synth.graph import write_synthetic

REPO = Path(__file__).parents[1]
CORPORA = [REPO / "tests" / "corpus" / "articles", REPO.parent / "shared" / "corpus" / "articles"]


def articles() -> list[Path]:
    """The article files of the corpora that exist here."""
    found: list[Path] = []
    for folder in CORPORA:
        if folder.is_dir():
            found += sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".html"})
    return found


def _rate(times: list[float], n: int) -> tuple[float, float]:
    """(articles/s, ms/article) from the median pass time."""
    m = statistics.median(times)
    return n / m, 1000 * m / n


def _clock(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(CPU seconds of this process, wall seconds) of one call: CPU time is the per-core cost on a busy machine."""
    c, w = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - c, time.perf_counter() - w


def extraction(paths: list[Path], repeat: int) -> float:
    docs = [read_path(p) for p in paths]
    extractor = get_extractor("rules")
    for doc in docs:  # warm up: compiled patterns, imports
        extractor.extract(doc)
    stages = {
        "read only": lambda: [read_path(p) for p in paths],
        "extract only": lambda: [extractor.extract(doc) for doc in docs],
        "read + extract": lambda: [extractor.extract(read_path(p)) for p in paths],
    }
    cpu: dict[str, list[float]] = {k: [] for k in stages}
    wall: dict[str, list[float]] = {k: [] for k in stages}
    for _ in range(repeat):
        for name, fn in stages.items():
            c, w = _clock(fn)
            cpu[name].append(c)
            wall[name].append(w)
    per_doc = []
    for doc in docs:  # the spread over articles: median and slowest single article (CPU time)
        per_doc.append(statistics.median(_clock(lambda d=doc: extractor.extract(d))[0] for _ in range(5)))
    n = len(paths)
    print(f"(a) {n} articles, one process (= one core), median of {repeat} passes")
    print(f"    {'stage':16} {'CPU art/s':>10} {'CPU ms/art':>11} {'wall art/s':>11} {'vs read only':>13}")
    base = statistics.median(cpu["read only"])
    for name in stages:
        rate, ms = _rate(cpu[name], n)
        print(
            f"    {name:16} {rate:10.1f} {ms:11.2f} {_rate(wall[name], n)[0]:11.1f}"
            f" {base / statistics.median(cpu[name]):12.2f}x"
        )
    med = statistics.median(per_doc)
    print(
        f"    per article (extract only, CPU): median {1000 * med:.2f} ms, slowest {1000 * max(per_doc):.2f} ms"
        f" -> {1 / med:.0f} articles/s/core at the median article"
    )
    return n / statistics.median(cpu["extract only"])


def imports(paths: list[Path], sizes: list[int], repeat: int) -> None:
    settings = Settings(store="unused")
    print(f"(b) whole import of the {len(paths)} articles (extract, build, validate, commit), by store size")
    print(f"    {'store quads':>12} {'ms/article':>11} {'articles/s':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for firms in sizes:
            times = []
            quads = 0
            for i in range(repeat):
                with KnowledgeGraph.open(folder / f"s{firms}-{i}", settings=settings) as kg:
                    if firms:
                        dump = folder / f"synth-{firms}.nq"
                        if not dump.exists():
                            write_synthetic(dump, firms=firms, seed=7, base=settings.base_iri)
                        quads = kg.restore(dump)
                    t = time.perf_counter()
                    results = kg.import_paths(paths)
                    times.append(time.perf_counter() - t)
                    assert all(r.status == "imported" for r in results), [r.error for r in results]
            rate, ms = _rate(times, len(paths))
            print(f"    {quads:12,} {ms:11.1f} {rate:11.1f}")


def run(scale: str) -> None:
    paths = articles()
    small = scale == "small"
    rate = extraction(paths, repeat=3 if small else 15)
    print(
        f"    target >= 50 articles/s/core for extraction: {'met' if rate >= 50 else 'NOT met'} ({rate:.0f})"
    )
    imports(paths, sizes=[0, 15] if small else [0, 145, 1450], repeat=1 if small else 3)
