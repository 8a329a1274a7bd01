"""Validation engines side by side: the compiled engine (SPARQL in pyoxigraph), pySHACL, pyrudof.

(a) whole-store validation of a synthetic store of ~100k quads (and ~1M with BENCH_VALIDATION_1M=1):
    seconds and peak memory (each run in a process of its own; peak RSS includes Python itself);
    pyrudof, if installed, gets the same triples and shapes in memory (its load time apart);
(b) validation of one article's batch (with its context from the store), by store size, and a
    whole validated article import (compiled engine).

Results print as medians and ratios and go to bench-results/validation.txt and validation.json.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from firmgraph.graph.kg import ONTOLOGY_GRAPH, KnowledgeGraph
from firmgraph.graph.pipeline.imports import context_for
from firmgraph.graph.pipeline.validation import validate
from firmgraph.graph.settings import Settings
from firmgraph.graph.synth.graph import batches, records, write_synthetic

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench-results"
FIRMS_PER_MILLION = 1450
"""Firms that give about a million quads (~690 quads per firm)."""


def _store(folder: Path, firms: int) -> Path:
    dump, store = folder / f"synth-{firms}.nq", folder / f"store-{firms}"
    write_synthetic(dump, firms=firms, seed=7, base=Settings().base_iri)
    with KnowledgeGraph.open(store, settings=Settings(store="unused")) as kg:
        kg.restore(dump)
    return store


def _worker(engine: str, path: str) -> None:
    """Run one validation in this process and print seconds and peak memory as JSON."""
    t = time.perf_counter()
    extra: dict[str, float] = {}
    if engine == "pyrudof":
        import pyrudof  # type: ignore[import-not-found]

        from firmgraph import shapes

        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(path, format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl("\n".join(shapes.text(name) for name in shapes.FILES + shapes.WARNING_FILES))
        extra["load"] = time.perf_counter() - t
        t = time.perf_counter()
        report = rudof.validate_shacl()
        violations = len(list(report.results())) if hasattr(report, "results") else -1
    else:
        with KnowledgeGraph.open(Path(path), settings=Settings(store="unused")) as kg:
            violations = len(kg.validate(engine=engine).violations)  # type: ignore[arg-type]
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "violations": violations, **extra}))


def _spawn(engine: str, path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.validation", engine, str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}  # type: ignore[dict-item]
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _triples_file(store: Path, folder: Path) -> Path:
    """The store's data (the ontology's class hierarchy, not the rest of it) as N-Triples, for pyrudof."""
    from firmgraph.graph.pipeline import validation

    out = folder / f"{store.name}.nt"
    with KnowledgeGraph.open(store, settings=Settings(store="unused")) as kg, out.open("w") as f:
        for quad in kg.store.quads():
            if str(quad.graph_name) != f"<{ONTOLOGY_GRAPH}>":
                f.write(f"{quad.subject} {quad.predicate} {quad.object} .\n")
        for s, p, o in validation._class_hierarchy():
            f.write(f"{s.n3()} {p.n3()} {o.n3()} .\n")
    return out


def whole_store(folder: Path, sizes: list[int], repeat: int, lines: list[str], data: dict) -> None:  # type: ignore[type-arg]
    lines.append(f"(a) whole-store validation (compiled: median of {repeat}; pyshacl, pyrudof: one run)")
    lines.append(f"    {'quads':>10} {'engine':10} {'seconds':>8} {'peak MB':>8} {'vs compiled':>12}  notes")
    for firms in sizes:
        store = _store(folder, firms)
        with KnowledgeGraph.open(store, settings=Settings(store="unused")) as kg:
            quads = kg.store.count()
        runs = [_spawn("compiled", store) for _ in range(repeat)]
        compiled = {k: statistics.median(r[k] for r in runs) for k in ("seconds", "peak_mb")}
        found = {"compiled": compiled, "pyshacl": _spawn("pyshacl", store)}
        try:
            import pyrudof  # type: ignore[import-not-found]  # noqa: F401

            found["pyrudof"] = _spawn("pyrudof", _triples_file(store, folder))
        except ImportError:
            found["pyrudof"] = {"error": "not installed"}  # type: ignore[dict-item]
        data[f"whole_store_{quads}"] = found
        for engine, r in found.items():
            if "error" in r:
                lines.append(f"    {quads:10,} {engine:10} {'-':>8} {'-':>8} {'-':>12}  {r['error']}")
                continue
            ratio = r["seconds"] / compiled["seconds"]
            note = f"load {r['load']:.1f} s apart" if "load" in r else ""
            lines.append(
                f"    {quads:10,} {engine:10} {r['seconds']:8.2f} {r['peak_mb']:8.0f} {ratio:11.1f}x  {note}"
            )


def per_article(folder: Path, sizes: list[int], repeat: int, lines: list[str], data: dict) -> None:  # type: ignore[type-arg]
    sample = list(batches(12, 99, Settings().base_iri))[:repeat]
    documents = [json.dumps(r).encode() for r, _ in records(12, seed=98)][:repeat]
    lines.append(f"(b) one article's batch, by store size (median of {len(sample)}; ms)")
    lines.append(
        f"    {'quads':>10} {'context':>8} {'compiled':>9} {'pyshacl':>8} {'ratio':>7} {'import (compiled)':>18}"
    )
    for firms in sizes:
        store = folder / f"store-{firms}"
        if not store.exists():
            store = _store(folder, firms)
        with KnowledgeGraph.open(store, settings=Settings(store="unused")) as kg:
            quads = kg.store.count()
            times: dict[str, list[float]] = {"context": [], "compiled": [], "pyshacl": [], "import": []}
            for batch in sample:
                t = time.perf_counter()
                context = context_for(kg.store, batch)
                times["context"].append(time.perf_counter() - t)
                for engine in ("compiled", "pyshacl"):
                    t = time.perf_counter()
                    validate(batch, context=context, engine=engine)  # type: ignore[arg-type]
                    times[engine].append(time.perf_counter() - t)
            for n, document in enumerate(documents):
                t = time.perf_counter()
                kg.import_bytes(f"bench-validation-{n}.json", document)
                times["import"].append(time.perf_counter() - t)
        ms = {k: 1000 * statistics.median(v) for k, v in times.items()}
        data[f"per_article_{quads}"] = ms
        lines.append(
            f"    {quads:10,} {ms['context']:8.1f} {ms['compiled']:9.1f} {ms['pyshacl']:8.1f}"
            f" {ms['pyshacl'] / ms['compiled']:6.1f}x {ms['import']:18.1f}"
        )


def run(scale: str) -> None:
    small = scale == "small"
    million = os.environ.get("BENCH_VALIDATION_1M") == "1" and not small
    hundred_k = FIRMS_PER_MILLION // 10
    whole = [8] if small else [hundred_k] + ([FIRMS_PER_MILLION] if million else [])
    sizes = (
        [2, 8] if small else [FIRMS_PER_MILLION // 100, hundred_k] + ([FIRMS_PER_MILLION] if million else [])
    )
    lines: list[str] = []
    data: dict = {}  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory(prefix="fg-bench-") as tmp:
        folder = Path(tmp)
        whole_store(folder, whole, 1 if small else 3, lines, data)
        per_article(folder, sizes, 3 if small else 11, lines, data)
    text = "\n".join(lines)
    print(text)
    OUT.mkdir(exist_ok=True)
    (OUT / "validation.txt").write_text(text + "\n")
    (OUT / "validation.json").write_text(json.dumps(data, indent=2) + "\n")


if __name__ == "__main__":
    _worker(sys.argv[1], sys.argv[2])
