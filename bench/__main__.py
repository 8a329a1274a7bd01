"""Run benchmarks: `python -m bench [NAME ...]` (all by default); results print as tables of medians and ratios.

Each benchmark is a module in this folder with a `run(scale: str) -> None` function, listed in SUITES.
`BENCH_SCALE=small` runs a quick pass (for checking that the benchmarks still work).
"""

from __future__ import annotations

import importlib
import os
import sys

SUITES = ["imports", "remote", "export", "extraction", "views", "endpoint", "hostile", "validation"]


def main(argv: list[str]) -> None:
    names = argv or SUITES
    scale = os.environ.get("BENCH_SCALE", "full")
    for name in names:
        if name not in SUITES:
            raise SystemExit(f"unknown benchmark {name!r}; choose from {', '.join(SUITES)}")
        print(f"\n=== {name} ({scale}) ===", flush=True)
        importlib.import_module(f"bench.{name}").run(scale)


if __name__ == "__main__":
    main(sys.argv[1:])
