"""KnowledgeGraph: the Python entry point (open a store, import, query, validate)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd
import pyoxigraph as ox
import rdflib
from rdflib.namespace import PROV

from firmgraph.graph.errors import FirmgraphError, InputError, QueryError, StorageFullError, StoreError
from firmgraph.graph.model.formats import RDF_FORMATS, rdf_format_for_extension
from firmgraph.graph.model.iris import entities_graph_iri, events_graph_iri
from firmgraph.graph.model.namespaces import FG, FG_BASE, ORG, SCHEMA, XSD
from firmgraph.graph.model.terms import iri
from firmgraph.graph.pipeline.imports import (
    Importer,
    ImportResult,
    RawSource,
    context_for,
    iter_sources,
)
from firmgraph.graph.pipeline.removal import Removal, find_sources, remove_source
from firmgraph.graph.pipeline.validation import (
    Engine,
    ValidationReport,
    checks,
    merge,
    validate,
    validate_all,
)
from firmgraph.graph.settings import Settings, get_settings
from firmgraph.graph.sparql.messages import explain
from firmgraph.graph.store import Commit, QueryResult, Store, open_store

__all__ = ["ONTOLOGY_GRAPH", "KnowledgeGraph", "python_value"]

ONTOLOGY_GRAPH = FG_BASE
"""The ontology's own graph is named by the ontology IRI."""


class KnowledgeGraph:
    """A firmgraph knowledge graph over one store."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or get_settings()

    @classmethod
    def open(cls, location: str | Path | None = None, *, settings: Settings | None = None) -> KnowledgeGraph:
        """Open (or create) the store at a folder or URL; default: the FIRMGRAPH_STORE setting."""
        settings = settings or get_settings()
        kg = cls(open_store(location if location is not None else settings.store, settings.remote), settings)
        kg.ensure_ontology()
        return kg

    @classmethod
    def in_memory(cls, settings: Settings | None = None) -> KnowledgeGraph:
        """A throwaway in-memory graph (for notebooks and quick checks)."""
        kg = cls(open_store(None), settings)
        kg.ensure_ontology()
        return kg

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------------

    def ensure_ontology(self) -> None:
        """Keep the ontology and concept schemes in their own graph, current with this software."""
        from firmgraph import ontology

        text = "\n".join(ontology.read(name) for name in ("firmgraph.ttl", "concepts.ttl"))
        quads = list(ox.parse(text, ox.RdfFormat.TURTLE))
        if self.store.count(ONTOLOGY_GRAPH) != len(quads):
            self.store.commit(Commit(replace={ONTOLOGY_GRAPH: quads}))

    def importer(self, *, extractor: str | None = None) -> Importer:
        """An importer into this graph; articles are read by `extractor` (default: the setting)."""
        from firmgraph.graph.extraction import get_extractor
        from firmgraph.graph.pipeline.articles import read_article

        name = extractor or self.settings.extractor
        get_extractor(name)  # an unknown name fails here, before any source is read
        return Importer(
            self.store, self.settings.base_iri, article_reader=partial(read_article, extractor=name)
        )

    def import_paths(
        self,
        paths: Iterable[str | Path],
        *,
        dry_run: bool = False,
        on_result: Callable[[ImportResult], None] | None = None,
        extractor: str | None = None,
    ) -> list[ImportResult]:
        """Import files, folders or `-` (stdin). A rejected source writes nothing; the others go on.

        Raises:
            UnknownExtractorError: `extractor` (or the extractor setting) names no extractor.
        """
        importer = self.importer(extractor=extractor)
        results: list[ImportResult] = []
        full: str | None = None
        for item in iter_sources(paths, max_bytes=self.settings.max_input_bytes):
            if full:  # every later commit would fail the same way: say so without trying
                name = item.path or "?" if isinstance(item, InputError) else item.name
                batch_results = [ImportResult(name, status="rejected", error=f"not tried: {full}")]
            else:
                batch_results = self._import_one(importer, item, dry_run)
                if any(r.full_disk for r in batch_results):
                    full = "the disk of the store is full"
            for result in batch_results:
                results.append(result)
                if on_result:
                    on_result(result)
        return results

    def import_bytes(self, name: str, data: bytes, *, dry_run: bool = False) -> list[ImportResult]:
        """Import one source given as bytes (its name's suffix tells the format); raises on rejection."""
        results = self.importer().import_source(RawSource(name, data), dry_run=dry_run)
        return results

    def remove(self, source: str) -> list[Removal]:
        """Remove an imported source (file name, document or source graph IRI) and what only it supported."""
        base = self.settings.base_iri
        return [remove_source(self.store, base, graph) for graph in find_sources(self.store, base, source)]

    def _import_one(
        self, importer: Importer, item: RawSource | InputError, dry_run: bool
    ) -> list[ImportResult]:
        if isinstance(item, InputError):
            return [ImportResult(item.path or "?", status="rejected", error=str(item))]
        try:
            return importer.import_source(item, dry_run=dry_run)
        except FirmgraphError as e:
            report = getattr(e, "report", None)
            full = isinstance(e, StorageFullError)
            return [ImportResult(item.name, status="rejected", error=str(e), report=report, full_disk=full)]

    def restore(self, path: str | Path, *, progress: Callable[[int], None] | None = None) -> int:
        """Trusted bulk load of a firmgraph dump (N-Quads or TriG, optionally .gz); no SHACL."""
        import gzip

        p = Path(path)
        suffix = Path(p.stem).suffix if p.suffix == ".gz" else p.suffix
        fmt = rdf_format_for_extension(suffix)
        if fmt is None or fmt.native is None or fmt.writer is not None:
            readable = ", ".join(f".{f.extension}" for f in RDF_FORMATS.values() if f.native and not f.writer)
            raise InputError(f"restore reads {readable} dumps (optionally .gz)", path=str(p))
        before = self.store.count()
        opener: Callable[..., BinaryIO] = gzip.open if p.suffix == ".gz" else open  # type: ignore[assignment]
        with opener(p, "rb") as raw:
            stream = _ProgressReader(raw, progress) if progress else raw
            try:
                self.store.bulk_load(stream, fmt.native)  # type: ignore[arg-type]
            except SyntaxError as e:
                raise InputError(f"malformed dump: {e}", path=str(p)) from e
        return self.store.count() - before

    # -- reading ------------------------------------------------------------------------------

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query over the union of all graphs; `fg:`, `schema:`, `rdfs:` ... need no PREFIX.

        Raises:
            QueryError: a malformed query, with a message that says what is wrong and where.
        """
        try:
            return self.store.query(sparql)
        except QueryError as e:
            if type(e) is not QueryError:
                raise
            raise QueryError(explain(sparql, str(e))) from e

    def query_df(self, sparql: str) -> pd.DataFrame:
        """A SELECT query's solutions as a DataFrame (IRIs as strings, literals as Python values, nullable dtypes)."""
        result = self.query(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("query_df needs a SELECT query")
        columns = [v.value for v in result.variables]
        rows = [[python_value(solution[c]) for c in columns] for solution in result]
        # nullable dtypes: an integer column with gaps stays integer (<NA>), not float NaN
        return pd.DataFrame(rows, columns=columns, dtype=object).convert_dtypes()

    def network(self, focus: str | None = None, **options: Any) -> Any:
        """The ego network of `focus` or, with link=..., firms linked by it: a networkx graph with
        .to_pyvis(), .to_html() and .show(). Options as for `firmgraph.graph.views.network.network`."""
        from firmgraph.graph.views.network import network

        options.setdefault("lateral", self.store.lateral)
        return network(self.query, focus, base_iri=self.settings.base_iri, **options)

    @property
    def dataset(self) -> rdflib.Dataset:
        """An rdflib view of the embedded store (for rdflib and pyshacl users)."""
        from oxrdflib import OxigraphStore

        native = self.store.native
        if native is None:
            raise StoreError("the rdflib view needs the embedded store")
        return rdflib.Dataset(store=OxigraphStore(store=native), default_union=True)

    def validate(
        self,
        *,
        progress: Callable[[int], None] | None = None,
        engine: Engine | None = None,
        changed_since: datetime | None = None,
    ) -> ValidationReport:
        """Validate the whole store against the shapes.

        The compiled engine (the default, setting `validation_engine`) runs each check as one query
        over the union of the store's graphs, so the store answers it;
        `progress` gets 1 per check done. The pyshacl engine validates graph by graph, each source
        graph with the context its entities have in the store, as at import (time grows linearly
        with size); `progress` gets the quads done.

        `changed_since`: only the source graphs generated at or after this time (`prov:generatedAtTime`),
        each with its context, as at import, with either engine; `progress` gets the quads done.
        """
        engine = engine or self.settings.validation_engine
        self._require_graphs_to_check()
        if changed_since is not None:
            reports = []
            for batch in self._validation_batches(only=self.changed_graphs(changed_since)):
                reports.append(validate(batch, context=context_for(self.store, batch), engine=engine))
                if progress:
                    progress(len(batch))
            return merge(reports)
        if engine == "compiled":
            # the union default graph, not a list of the graphs: Oxigraph answers 30-90x faster over
            # it, and the ontology graph it includes holds no focus node of any shape
            step = (lambda done, total: progress(1)) if progress else None
            return validate_all(self.store.query, progress=step)
        reports = []
        reports_of = ox.NamedNode(str(FG.reports))
        for batch in self._validation_batches():
            # a canonical event's reports are checked with their own sources, not as its context
            linked = [q for q in batch if q.predicate != reports_of]
            reports.append(validate(batch, context=context_for(self.store, linked), engine=engine))
            if progress:
                progress(len(batch))
        return merge(reports)

    def _require_graphs_to_check(self) -> None:
        """Refuse a store whose data lies outside every named graph: nothing would be checked."""
        if any(g != ONTOLOGY_GRAPH for g in self.store.named_graphs()):
            return
        outside = self.store.count() - self.store.count(ONTOLOGY_GRAPH)
        if outside > 0:
            raise StoreError(
                f"validation found no graph to check, but the store holds {outside} quad(s) outside the"
                " ontology graph (in the default graph, or in graphs this store does not list): imports"
                " write every source to its own named graph; re-import the data with `firmgraph import`,"
                " or check the store profile (FIRMGRAPH_REMOTE_LAYOUT) of a remote store"
            )

    def validation_steps(self, engine: Engine | None = None, changed_since: datetime | None = None) -> int:
        """How many progress steps `validate` takes: checks (compiled) or quads (pyshacl, or changed graphs)."""
        if changed_since is not None:
            return sum(self.store.count(g) for g in self.changed_graphs(changed_since))
        if (engine or self.settings.validation_engine) == "compiled":
            return len(checks())
        return self.store.count()

    def changed_graphs(self, since: datetime) -> list[str]:
        """The source graphs generated at or after `since` (their `prov:generatedAtTime`), oldest first."""
        stamp = since if since.tzinfo else since.replace(tzinfo=UTC)
        rows = self.store.query(
            f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ ?g <{PROV.generatedAtTime}> ?t }}"
            f' FILTER(?t >= "{stamp.isoformat(timespec="seconds")}"^^<{XSD.dateTime}>) }} ORDER BY ?t ?g'
        )
        return [row["g"].value for row in rows]  # type: ignore[index]

    def _validation_batches(
        self, subjects_per_chunk: int = 400, *, only: list[str] | None = None
    ) -> Iterator[list[ox.Quad]]:
        """The store's quads in batches to validate one at a time; `only`: just these source graphs."""
        entities = entities_graph_iri(self.settings.base_iri)
        events = events_graph_iri(self.settings.base_iri)
        report_of = ox.NamedNode(str(FG.reportOf))
        links: dict[object, list[ox.Quad]] = {}
        for q in self.store.quads(events):
            if q.predicate == report_of:
                links.setdefault(q.subject, []).append(q)
        for graph in self.store.named_graphs() if only is None else only:
            if graph == ONTOLOGY_GRAPH:
                continue
            quads = list(self.store.quads(graph))
            if graph == events:  # each report's link is checked with its source, below
                quads = [q for q in quads if q.predicate != report_of]
            elif graph != entities:
                subjects = {q.subject for q in quads}
                yield quads + [q for s in subjects for q in links.get(s, [])]
                continue
            by_subject: dict[object, list[ox.Quad]] = {}
            for quad in quads:
                by_subject.setdefault(quad.subject, []).append(quad)
            groups = list(by_subject.values())
            for i in range(0, len(groups), subjects_per_chunk):
                yield [q for group in groups[i : i + subjects_per_chunk] for q in group]

    def stats(self) -> dict[str, int]:
        """Counts of triples, graphs and the main kinds of entity."""
        counts = {"triples": self.store.count(), "graphs": len(self.store.named_graphs())}
        kinds = {
            "organizations": ORG.Organization,
            "people": SCHEMA.Person,
            "events": FG.CanonicalEvent,
            "event_reports": None,
            "articles": SCHEMA.NewsArticle,
        }
        for name, cls in kinds.items():
            # events: the real-world events; event_reports: what the sources state of them
            pattern = f"?x a {iri(cls)}" if cls else f"?x <{FG.organization}> ?o ; <{FG.reportedIn}> ?d"
            (row,) = self.store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")  # type: ignore[misc]
            counts[name] = int(row["n"].value)
        return counts


_NUMERIC = {str(XSD.integer): int, str(XSD.nonNegativeInteger): int, str(XSD.int): int, str(XSD.long): int}


def python_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Any:
    """A term as the Python value a DataFrame wants."""
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"
    dt = term.datatype.value
    try:
        if dt in _NUMERIC:
            return int(term.value)
        if dt == str(XSD.decimal):
            return float(Decimal(term.value))
        if dt in (str(XSD.double), str(XSD.float)):
            return float(term.value)
        if dt == str(XSD.boolean):
            return term.value in ("true", "1")
        if dt == str(XSD.date):
            return date.fromisoformat(term.value)
        if dt == str(XSD.dateTime):
            return datetime.fromisoformat(term.value)
    except ValueError:
        return term.value
    return term.value


class _ProgressReader:
    """A binary reader that reports how many bytes were read (for progress bars)."""

    def __init__(self, raw: BinaryIO, progress: Callable[[int], None]) -> None:
        self.raw = raw
        self.progress = progress

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.progress(len(chunk))
        return chunk

    def readinto(self, buffer: bytearray) -> int:
        n = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        self.progress(n or 0)
        return n
