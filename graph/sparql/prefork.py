"""Internal: imported by the query workers' fork server after the app, to prepare the heap workers inherit.

- The main script (the CLI) is imported here, where Python 3.11's own `__main__` preload does
  not: without it every worker runs the script again before it can answer (0.6 s of CPU each).
- The heap is frozen, so a worker's garbage collector never walks (and copies, page by page)
  the objects it inherited.
"""

from __future__ import annotations

import gc
import os
from multiprocessing import process, spawn

main_path = os.environ.get("FIRMGRAPH_WORKER_MAIN_PATH")
if main_path:
    process.current_process()._inheriting = True  # type: ignore[attr-defined]
    try:
        spawn.import_main_path(main_path)
    finally:
        del process.current_process()._inheriting  # type: ignore[attr-defined]
gc.collect()
gc.freeze()
