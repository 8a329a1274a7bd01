"""Bulk import: many sources, extraction and SHACL in worker processes, batched atomic commits, resumable.

Who does what:

- worker processes run the CPU-heavy, store-free steps: reading articles (extraction) and SHACL
  validation of each batch (with its context);
- the main process resolves names and builds batches, in source order, against an in-memory
  mirror of the entities graph that also holds the entities of batches built but not yet
  committed: a bulk import resolves exactly like importing the sources one by one, without a
  round trip per name;
- accepted batches are committed in groups of `commit_size` sources, each group one atomic
  `Commit` (one transaction embedded; one update request, or a staged swap, remote). A crash
  leaves every source either fully imported or absent.

A rejected batch is never committed, but batches built after it may have resolved a name
against the entities it introduced. Those batches (the ones sharing a name key with it,
transitively) are rebuilt and validated again, so the result matches a one-by-one import.

With `resume`, a source whose graph already holds the same SHA-256 (provenance, fg:sha256) is
skipped: re-running an interrupted import finishes it without writing anything twice.
The mirror assumes no other process writes entities while the bulk import runs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from firmgraph.graph.errors import FirmgraphError, InputError
from firmgraph.graph.extraction import get_extractor
from firmgraph.graph.model.iris import entities_graph_iri
from firmgraph.graph.model.namespaces import FG, PROV
from firmgraph.graph.model.records import Record
from firmgraph.graph.pipeline.build import Batch, SourceInfo
from firmgraph.graph.pipeline.imports import (
    Importer,
    ImportResult,
    RawSource,
    context_for,
    event_matches,
    iter_sources,
    resolve_batch,
    validation_input,
)
from firmgraph.graph.pipeline.validation import ValidationReport, validate
from firmgraph.graph.resolution import resolve_events
from firmgraph.graph.sandbox import die_with_parent
from firmgraph.graph.sources.formats import article_extensions, files_in, importable_extensions, is_rdf
from firmgraph.graph.store import Commit, EmbeddedStore, Store

__all__ = ["BulkSummary", "bulk_import", "count_sources", "imported_hashes"]

_SHA = ox.NamedNode(str(FG.sha256))
_NAME_KEY = ox.NamedNode(str(FG.nameKey))


@dataclass
class BulkSummary:
    """What a bulk import did."""

    imported: int = 0
    skipped: int = 0
    rejected: int = 0
    triples: int = 0

    def count(self, result: ImportResult) -> None:
        if result.status in ("imported", "checked"):
            self.imported += 1
            self.triples += result.triples
        elif result.status == "skipped":
            self.skipped += 1
        else:
            self.rejected += 1


@dataclass
class _Item:
    """One batch on its way through the pipeline."""

    raw: int
    """Position of its source in the window."""
    name: str
    batch: Batch | None = None
    result: ImportResult | None = None
    """Set once decided: rejected, skipped or accepted."""
    keys: set[str] = field(default_factory=set)
    added: list[ox.Quad] = field(default_factory=list)
    """Entity quads this batch put into the mirror that were not there before."""
    future: Future[ValidationReport] | None = None


def bulk_import(
    store: Store,
    paths: Iterable[str | Path],
    *,
    base: str,
    max_bytes: int,
    workers: int | None = None,
    commit_size: int = 32,
    resume: bool = False,
    dry_run: bool = False,
    extractor: str = "rules",
    on_result: Callable[[ImportResult], None] | None = None,
) -> BulkSummary:
    """Import many sources in parallel; each result goes to on_result, in source order, once committed.

    Args:
        workers: worker processes for extraction and validation (default: one per CPU).
        commit_size: sources per atomic commit.
        resume: skip sources whose graph already holds the same SHA-256.
        dry_run: build and validate, commit nothing.
        extractor: the registered extractor that reads articles.
    """
    workers = max(1, workers or os.cpu_count() or 1)
    if not dry_run:
        store.discard_staging()
    done = imported_hashes(store) if resume else set()
    mirror = _mirror(store, base)
    summary = BulkSummary()
    window_size = max(commit_size, 8 * workers)
    context = multiprocessing.get_context("spawn")  # workers must not inherit store handles or sockets
    with (
        ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up) as pool,
        ThreadPoolExecutor(1) as committer,  # one writer: commits stay in source order
    ):
        get_extractor(extractor)  # an unknown name fails here, not once per article
        run = _Run(store, mirror, base, pool, done, dry_run, extractor)
        pending: tuple[list[_Item], Future[None]] | None = None
        for window in _windows(iter_sources(paths, max_bytes=max_bytes), window_size):
            # The previous window commits in the background while this one is built and validated.
            items = run.build(window)
            run.decide(window, items)
            if pending is not None:
                _report(*pending, summary, on_result)
            pending = items, committer.submit(run.commit, items, commit_size)
        if pending is not None:
            _report(*pending, summary, on_result)
    return summary


def _report(
    items: list[_Item],
    committed: Future[None],
    summary: BulkSummary,
    on_result: Callable[[ImportResult], None] | None,
) -> None:
    """Once a window is committed (or the commit failed: raise), count and hand out its results."""
    committed.result()
    for it in items:
        assert it.result is not None
        summary.count(it.result)
        if on_result:
            on_result(it.result)


def imported_hashes(store: Store) -> set[tuple[str, str]]:
    """(source graph, SHA-256) of every source in the store, from its provenance."""
    rows = store.query(
        f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{PROV.wasDerivedFrom}> ?doc . ?doc <{FG.sha256}> ?h }} }}"
    )
    return {(r["g"].value, r["h"].value) for r in rows}  # type: ignore[union-attr]


def count_sources(paths: Iterable[str | Path]) -> int:
    """How many files (or stdin) the paths name, without reading them: the total of a progress bar."""
    total = 0
    importable = importable_extensions()
    for path in paths:
        p = Path(path)
        if p.is_dir():
            total += len(files_in(p, importable))
        else:
            total += 1
    return total


def _windows(sources: Iterator[RawSource | InputError], size: int) -> Iterator[list[RawSource | InputError]]:
    while window := list(islice(sources, size)):
        yield window


def _mirror(store: Store, base: str) -> EmbeddedStore:
    """An in-memory copy of the entities graph: the resolver reads it instead of the store."""
    mirror = EmbeddedStore(None)
    mirror.ox.extend(store.quads(entities_graph_iri(base)))
    return mirror


class _Run:
    """The state of one bulk import: the store, the mirror, the pool and what is already imported."""

    def __init__(
        self,
        store: Store,
        mirror: EmbeddedStore,
        base: str,
        pool: ProcessPoolExecutor,
        done: set[tuple[str, str]],
        dry_run: bool,
        extractor: str = "rules",
    ) -> None:
        self.store, self.mirror, self.base, self.pool = store, mirror, base, pool
        self.done, self.dry_run, self.extractor = done, dry_run, extractor
        self.extracted: dict[str, tuple[Record, SourceInfo] | FirmgraphError] = {}
        self.importer = Importer(mirror, base, article_reader=self._article)

    def _article(self, source: RawSource) -> tuple[Record, SourceInfo]:
        found = self.extracted[source.name]
        if isinstance(found, FirmgraphError):
            raise found
        return found

    # -- building -------------------------------------------------------------------------------

    def build(self, window: list[RawSource | InputError]) -> list[_Item]:
        """Build every source of the window in order and send the batches off to be validated."""
        self.extracted.clear()
        articles = {
            i: self.pool.submit(_extract, raw, self.extractor)
            for i, raw in enumerate(window)
            if isinstance(raw, RawSource) and raw.suffix in article_extensions()
        }
        items: list[_Item] = []
        for i, raw in enumerate(window):
            if i in articles:
                self.extracted[raw.name] = articles[i].result()  # type: ignore[union-attr]
            items.extend(self._build_source(i, raw, skip=set()))
        return items

    def _build_source(self, i: int, raw: RawSource | InputError, skip: set[str]) -> list[_Item]:
        if isinstance(raw, InputError):
            return [
                _Item(
                    i,
                    raw.path or "?",
                    result=ImportResult(raw.path or "?", status="rejected", error=str(raw)),
                )
            ]
        try:
            batches = self.importer.batches(raw)
        except FirmgraphError as e:
            return [_Item(i, raw.name, result=ImportResult(raw.name, status="rejected", error=str(e)))]
        items = []
        for batch in batches:
            if batch.source_graph in skip:
                continue
            item = _Item(i, raw.name, batch)
            item.keys = {q.object.value for q in batch.entities if q.predicate == _NAME_KEY}
            item.added = [q for q in batch.entities if q not in self.mirror.ox]
            self.mirror.ox.extend(item.added)
            if (batch.source_graph, _sha(batch)) in self.done:
                item.result = ImportResult(raw.name, batch.source_graph, "skipped", len(batch.all_quads()))
            else:
                item.future = self.pool.submit(_validate, *self._payload(raw, batch))
            items.append(item)
        return items

    def _payload(self, raw: RawSource, batch: Batch) -> tuple[bytes, bytes]:
        # The shapes see the batch's reports resolved among themselves; the resolution against the
        # store (and the sources before it) is made when it is committed, in source order.
        checked, linked = validation_input(resolve_batch(None, self.base, replace(batch, matches=[])))
        context = context_for(self.mirror, linked)
        if is_rdf(raw.suffix):  # an RDF file may point at anything in the store
            context += context_for(self.store, linked)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in checked]
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), ox.serialize(
            context, format=ox.RdfFormat.N_TRIPLES
        )

    # -- deciding -------------------------------------------------------------------------------

    def decide(self, window: list[RawSource | InputError], items: list[_Item]) -> None:
        """Collect the verdicts; after a rejection, rebuild what resolved against its entities."""
        position = 0
        while position < len(items):
            item = items[position]
            if item.result is None:
                assert item.future is not None and item.batch is not None
                report = item.future.result()
                status = "checked" if self.dry_run else "imported"
                if report.conforms:
                    b = item.batch
                    item.result = ImportResult(
                        item.name, b.source_graph, status, len(b.all_quads()), report, b.matches
                    )
                else:
                    item.result = ImportResult(
                        item.name,
                        item.batch.source_graph,
                        "rejected",
                        report=report,
                        error=_rejection(item, report),
                    )
                    self._rebuild_after(window, items, position)
            position += 1

    def _rebuild_after(self, window: list[RawSource | InputError], items: list[_Item], rejected: int) -> None:
        """Take the rejected batch's entities out of the mirror and rebuild the batches that read them."""
        keys = set(items[rejected].keys) if items[rejected].added else set()
        affected = []
        for index in range(rejected + 1, len(items)):
            if items[index].keys & keys and items[index].batch is not None:
                keys |= items[index].keys
                affected.append(index)
        if not affected:
            self._forget(items[rejected].added)
            self._restore(items)
            return
        for index in [rejected, *affected]:
            self._forget(items[index].added)
            future = items[index].future
            if future is not None:
                future.cancel()
        self._restore([it for index, it in enumerate(items) if index != rejected and index not in affected])
        for index in affected:
            old = items[index]
            raw = window[old.raw]
            assert isinstance(raw, RawSource) and old.batch is not None
            siblings = {
                it.batch.source_graph for it in items if it.raw == old.raw and it is not old and it.batch
            }
            (items[index],) = self._build_source(old.raw, raw, skip=siblings)

    def _forget(self, quads: list[ox.Quad]) -> None:
        for q in quads:
            self.mirror.ox.remove(q)

    def _restore(self, items: list[_Item]) -> None:
        """Put back entity quads that other pending batches also wrote."""
        for it in items:
            if it.batch is None or (it.result is not None and it.result.status == "rejected"):
                continue
            missing = [q for q in it.batch.entities if q not in self.mirror.ox]
            self.mirror.ox.extend(missing)
            it.added.extend(missing)

    # -- committing -----------------------------------------------------------------------------

    def commit(self, items: list[_Item], size: int) -> None:
        """Commit a window's accepted batches, `size` sources per atomic commit.

        The event reports of a group are resolved together against the store as it stands after
        the groups before; resolution is order-independent, so the canonical events are those of
        a one-by-one import.
        """
        accepted = [it for it in items if it.result is not None and it.result.status == "imported"]
        for start in range(0, len(accepted), size):
            group = [it.batch for it in accepted[start : start + size] if it.batch is not None]
            reports = {b.source_graph: b.reports() for b in group}
            with_reports = [q for b in group if reports[b.source_graph] for q in b.source]
            events = resolve_events(self.store, self.base, with_reports)
            for it in accepted[start : start + size]:
                if it.batch is not None and it.result is not None:
                    mine = reports[it.batch.source_graph]
                    decisions = [d for d in events.decisions if d.report in mine]
                    it.result.matches = it.batch.matches + event_matches(decisions)
            self.store.commit(
                Commit(
                    replace={b.source_graph: b.source for b in group},
                    add=[q for b in group for q in b.entities] + events.add,
                    remove=events.remove,
                )
            )


def _sha(batch: Batch) -> str:
    return next((q.object.value for q in batch.source if q.predicate == _SHA), "")


def _rejection(item: _Item, report: ValidationReport) -> str:
    return f"{item.name}: {len(report.violations)} shape violation(s), nothing written\n{report.text()}"


# -- in the worker processes ------------------------------------------------------------------------


def _warm_up() -> None:
    """End with the parent, and load the shapes and ontology once per worker."""
    die_with_parent()
    validate([])


def _extract(source: RawSource, extractor: str) -> tuple[Record, SourceInfo] | FirmgraphError:
    from firmgraph.graph.pipeline.articles import read_article

    try:
        return read_article(source, extractor=extractor)
    except FirmgraphError as e:
        return e  # errors pickle with their class and fields


def _validate(batch_nt: bytes, context_nt: bytes) -> ValidationReport:
    data = list(ox.parse(batch_nt, ox.RdfFormat.N_TRIPLES))
    context = list(ox.parse(context_nt, ox.RdfFormat.N_TRIPLES))
    return validate(data, context=context)
