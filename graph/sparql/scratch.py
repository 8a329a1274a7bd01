"""Scratch copies of the store for the later operations of an update request.

SPARQL 1.1 Update runs a request's operations in order, each seeing what the earlier ones did.
The guarded writer computes every operation's effect before anything is written, so an operation
that reads the store (a WHERE clause, the holders of a DELETE DATA triple) after one that changed
it reads a scratch copy instead: a checkpoint of the store (hard links, milliseconds; an
in-memory store is copied) with the earlier operations applied. Each such operation gets its own
copy, so a query worker never sees a folder change under it. The copies are deleted when the
request is done; the real store is written once, in one transaction, at the end.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from firmgraph.graph.errors import QueryError, StoreError
from firmgraph.graph.store import EmbeddedStore

__all__ = ["ScratchCopies"]


class ScratchCopies:
    """Checkpoints of an embedded store with a request's earlier statements applied."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self._root: Path | None = None
        self._count = 0

    def view(self, statements: list[str]) -> tuple[str, ox.Store]:
        """A new copy of the store with the statements applied: its folder (for query workers,
        closed here so they may open it read-only) and a read-only handle for lookups."""
        target = self._next()
        try:
            if self.store.location != ":memory:":
                self.store.ox.backup(str(target))
                copy = ox.Store(str(target))
            else:
                copy = ox.Store(str(target))
                copy.bulk_extend(self.store.ox.quads_for_pattern(None, None, None, None))
            if statements:
                copy.update(" ;\n".join(statements))
            copy.flush()
            del copy
            return str(target), ox.Store.read_only(str(target))
        except (SyntaxError, RuntimeError) as e:
            raise QueryError(f"an earlier operation of this update cannot be applied: {e}") from e
        except OSError as e:
            raise StoreError(f"cannot copy the store for a multi-operation update: {e}") from e

    def _next(self) -> Path:
        if self._root is None:
            if self.store.location != ":memory:":
                # beside the store: a checkpoint hard-links the store's files, so same file system
                location = Path(self.store.location).resolve()
                self._root = Path(tempfile.mkdtemp(prefix=f".{location.name}-update-", dir=location.parent))
            else:
                self._root = Path(tempfile.mkdtemp(prefix="firmgraph-update-"))
        self._count += 1
        return self._root / f"step-{self._count}"

    def close(self) -> None:
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None

    def __enter__(self) -> ScratchCopies:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
