"""SHACL-guarded writes over HTTP: SPARQL 1.1 Update and the Graph Store Protocol.

Every write passes the same guard as imports, and a write that violates the shapes changes
nothing. An update's effect is computed before anything is written:

- INSERT DATA / DELETE DATA: their quads, read by pyoxigraph from a scratch store.
- DELETE/INSERT ... WHERE: the WHERE clause runs as a `SELECT *` on the bounded query engine
  (so a runaway WHERE is stopped like any query) and the templates are instantiated per
  solution, as SPARQL says (unbound variables drop a triple; template blank nodes are fresh).
- CLEAR, DROP, CREATE, ADD, MOVE, COPY: passed on as written; like a Graph Store DELETE,
  retracting a graph is always allowed.

A request may hold several operations; each sees what the earlier ones did: one that reads the
store after a change reads a scratch copy with the earlier operations applied (sparql.scratch).

Then the resulting state of every subject the delta touches (its quads in the store, with the
request's operations applied in order) is validated with the batch's context, and the delta
is applied in one pyoxigraph update, which is one transaction.

As in queries, the default graph of an update is the union of all graphs: WHERE matches
across graphs, and a DELETE template outside GRAPH removes the matched triple from every
graph that holds it. An INSERT outside GRAPH (and without WITH) writes to the store's own
default graph.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from firmgraph.graph.errors import (
    NotFoundError,
    QueryError,
    ShapeViolationError,
    StoreError,
)
from firmgraph.graph.model.terms import iri
from firmgraph.graph.pipeline.imports import context_for
from firmgraph.graph.pipeline.removal import Removal, find_sources, remove_source
from firmgraph.graph.pipeline.validation import ValidationReport, validate
from firmgraph.graph.sparql.deltas import (
    BLANK_NODES,
    Delta,
    GraphOp,
    State,
    check_syntax,
    data_quads,
    dedupe,
    instantiate,
    loaded_quads,
    parse_body,
    resolve_reference,
    simulation,
    template_quads,
)
from firmgraph.graph.sparql.engine import QueryEngine, QueryJob
from firmgraph.graph.sparql.guard import rdflib_operations, refuse_remote_calls
from firmgraph.graph.sparql.scratch import ScratchCopies
from firmgraph.graph.sparql.syntax import (
    Operation,
    UpdateSyntaxError,
    mentions,
    split_update,
)
from firmgraph.graph.store import Store
from firmgraph.graph.store.base import data_block

__all__ = ["GuardedWriter", "WriteResult", "checked_operations", "data_quads"]

TSV = ox.QueryResultsFormat.TSV
Quad = ox.Quad


@dataclass(frozen=True)
class _View:
    """The state an operation reads: the store, or a scratch copy with the earlier operations applied."""

    reader: ox.Store
    path: str | None
    applied: int
    """How many of the request's earlier steps the view includes."""


def _changes(step: Delta | GraphOp) -> bool:
    return isinstance(step, GraphOp) or bool(step.deletes or step.inserts)


@dataclass
class WriteResult:
    """What a write did."""

    inserted: int = 0
    deleted: int = 0
    created: bool = False
    report: ValidationReport | None = None


def checked_operations(text: str, *, allow_service: bool, allow_load: bool) -> list[Operation]:
    """The operations of an update request, once the guard agrees with a full parser on them.

    Raises:
        QueryError: malformed, calling out when that is off, or read differently by the two parsers.
    """
    refuse_remote_calls(text, update=True, allow_service=allow_service, allow_load=allow_load)
    if not mentions(text, "SERVICE", "LOAD"):
        check_syntax(text)
    try:
        ops = split_update(text)
    except UpdateSyntaxError as e:
        raise QueryError(f"malformed update: {e}") from e
    if [op.kind for op in ops] != rdflib_operations(text):
        raise QueryError(
            "the write guard reads the operations of this update differently from a full SPARQL parser;"
            " send each operation on its own, with full <IRIs>"
        )
    return ops


class GuardedWriter:
    """Writes to an embedded store through the SHACL guard, one write at a time."""

    def __init__(
        self,
        store: Store,
        engine: QueryEngine,
        *,
        allow_load: bool = False,
        allow_service: bool = False,
    ) -> None:
        if store.native is None:
            raise StoreError("writes over HTTP need the embedded store")
        self.store = store
        self.engine = engine
        self.allow_load = allow_load
        self.allow_service = allow_service
        self._lock = threading.Lock()

    # -- SPARQL 1.1 Update ----------------------------------------------------------------------

    def update(
        self,
        text: str,
        *,
        using: tuple[str, ...] = (),
        using_named: tuple[str, ...] = (),
        base: str | None = None,
    ) -> WriteResult:
        """Apply an update request if the resulting state conforms to the shapes.

        Relative IRIs resolve against the request's own BASE, else against `base` (the endpoint's URL).

        Raises:
            QueryError: malformed or refused update. ShapeViolationError: it would break the shapes.
        """
        if base is not None:
            text = f"BASE {iri(base)} {text}"  # on the first line: the parsers' line numbers stay right
        ops = checked_operations(text, allow_service=self.allow_service, allow_load=self.allow_load)
        if (using or using_named) and any(op.using or op.using_named or op.with_graph for op in ops):
            raise QueryError("using-graph-uri / using-named-graph-uri cannot be combined with USING or WITH")
        with self._lock:
            steps = self._plan(ops, using, using_named)
            deltas = [s for s in steps if isinstance(s, Delta)]
            report = self._check(steps)
            if report is not None and not report.conforms:
                raise ShapeViolationError("update", report)
            statements = [st for step in steps for st in step.statements()]
            if statements:
                self.store.update(" ;\n".join(statements))
                self.engine.refresh()
        return WriteResult(
            inserted=sum(len(d.inserts) for d in deltas),
            deleted=sum(len(d.deletes) for d in deltas),
            report=report,
        )

    def _plan(
        self, ops: list[Operation], using: tuple[str, ...], using_named: tuple[str, ...]
    ) -> list[Delta | GraphOp]:
        """Each operation's effect, computed on the state the earlier ones leave (SPARQL 1.1 Update §3)."""
        steps: list[Delta | GraphOp] = []
        view = _View(self.store.ox, None, 0)
        with ScratchCopies(self.store) as scratch:  # type: ignore[arg-type]
            for op in ops:
                reads = op.kind in ("MODIFY", "DELETE WHERE", "DELETE DATA")
                if reads and view.applied != len(steps) and any(_changes(s) for s in steps[view.applied :]):
                    path, reader = scratch.view([st for step in steps for st in step.statements()])
                    view = _View(reader, path, len(steps))
                if op.kind == "INSERT DATA":
                    steps.append(Delta(inserts=data_quads(op)))
                elif op.kind == "DELETE DATA":
                    steps.append(Delta(deletes=self._holders(data_quads(op), view.reader)))
                elif op.kind in ("MODIFY", "DELETE WHERE"):
                    steps.append(self._modify(op, using, using_named, view))
                elif op.kind == "LOAD":
                    steps.append(Delta(inserts=loaded_quads(op)))
                else:
                    steps.append(GraphOp(f"{op.prologue}\n{op.text}", simulation(op)))
        return steps

    def _modify(
        self, op: Operation, using: tuple[str, ...], using_named: tuple[str, ...], view: _View
    ) -> Delta:
        default_graphs: tuple[str, ...] | None = None
        named_graphs: tuple[str, ...] | None = None
        if using or using_named:
            default_graphs, named_graphs = using, using_named or None
        elif op.using or op.using_named:
            default_graphs = tuple(resolve_reference(op.prologue, g) for g in op.using)
            named_graphs = tuple(resolve_reference(op.prologue, g) for g in op.using_named) or None
        elif op.with_graph:
            default_graphs = (resolve_reference(op.prologue, op.with_graph),)
        job = QueryJob(
            f"{op.prologue}\nSELECT * WHERE {op.where}",
            tabular="text/tab-separated-values",
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            snapshot=view.path,
        )
        outcome = self.engine.execute(job)
        solutions = list(ox.parse_query_results(outcome.body, TSV))  # type: ignore[arg-type]
        delta = Delta()
        if op.delete is not None:
            pattern = template_quads(op, op.delete)
            quads = instantiate(pattern, solutions)
            named = [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]
            unnamed = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
            delta.deletes = dedupe(named + self._holders(unnamed, view.reader))
        if op.insert is not None:
            delta.inserts = dedupe(instantiate(template_quads(op, op.insert), solutions))
        return delta

    def _holders(self, quads: list[ox.Quad], reader: ox.Store) -> list[ox.Quad]:
        """Quads of the default (union) graph -> the quads of every graph that holds the triple."""
        out: list[ox.Quad] = []
        for q in quads:
            if not isinstance(q.graph_name, ox.DefaultGraph):
                out.append(q)
                continue
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                raise QueryError(BLANK_NODES)
            out.extend(reader.quads_for_pattern(q.subject, q.predicate, q.object, None))
        return dedupe(out)

    def _check(self, steps: list[Delta | GraphOp]) -> ValidationReport | None:
        """Validate the state the steps leave every subject they add or remove quads of in."""
        touched = {q.subject for s in steps if isinstance(s, Delta) for q in (*s.deletes, *s.inserts)}
        if not touched:
            return None
        state: State = set()
        for subject in touched:
            if isinstance(subject, ox.NamedNode):
                state.update(self.store.ox.quads_for_pattern(subject, None, None, None))
        for step in steps:
            state = step.apply(state)
        after = [q for q in state if q.subject in touched]
        return validate(after, context=context_for(self.store, after))

    # -- Graph Store Protocol -------------------------------------------------------------------

    def replace_graph(self, graph: str | None, data: bytes, fmt: ox.RdfFormat, *, base: str) -> WriteResult:
        """PUT: the graph's content becomes the body's triples (validated as a batch)."""
        quads = parse_body(data, fmt, graph, base)
        with self._lock:
            existed = self._exists(graph)
            report = validate(quads, context=context_for(self.store, quads))
            if not report.conforms:
                raise ShapeViolationError(graph or "default graph", report)
            target = f"GRAPH {iri(graph)}" if graph else "DEFAULT"
            statements = [f"DROP SILENT {target}"]
            if graph:
                statements.append(f"CREATE SILENT GRAPH {iri(graph)}")
            if quads:
                statements.append(data_block("INSERT", quads))
            self.store.update(" ;\n".join(statements))
            self.engine.refresh()
        return WriteResult(inserted=len(quads), created=not existed, report=report)

    def add_to_graph(
        self, graph: str | None, bodies: Sequence[tuple[bytes, ox.RdfFormat]], *, base: str
    ) -> WriteResult:
        """POST: the triples of the body, or of every part of a multipart body, are added at once
        (validated together with the graph's current content; all or nothing)."""
        several = len(bodies) > 1
        quads = dedupe(
            [q for data, fmt in bodies for q in parse_body(data, fmt, graph, base, fresh_blank_nodes=several)]
        )
        with self._lock:
            existed = self._exists(graph)
            name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
            merged = list(self.store.ox.quads_for_pattern(None, None, None, name)) + quads
            report = validate(merged, context=context_for(self.store, merged))
            if not report.conforms:
                raise ShapeViolationError(graph or "default graph", report)
            statements = [f"CREATE SILENT GRAPH {iri(graph)}"] if graph else []
            if quads:
                statements.append(data_block("INSERT", quads))
            if statements:
                self.store.update(" ;\n".join(statements))
                self.engine.refresh()
        return WriteResult(inserted=len(quads), created=not existed, report=report)

    def drop_graph(self, graph: str | None) -> WriteResult:
        """DELETE: the graph and everything in it (the default graph: emptied)."""
        with self._lock:
            if graph and not self._exists(graph):
                raise NotFoundError(f"no graph <{graph}>")
            name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
            count = sum(1 for _ in self.store.ox.quads_for_pattern(None, None, None, name))
            self.store.update(f"DROP GRAPH {iri(graph)}" if graph else "DROP SILENT DEFAULT")
            self.engine.refresh()
        return WriteResult(deleted=count)

    def remove_sources(self, name: str, base: str) -> list[Removal]:
        """Remove an imported source and what only it supported (see `pipeline.removal`)."""
        with self._lock:
            removals = [remove_source(self.store, base, g) for g in find_sources(self.store, base, name)]
            self.engine.refresh()
        return removals

    def exists(self, graph: str | None) -> bool:
        return self._exists(graph)

    def _exists(self, graph: str | None) -> bool:
        return graph is None or self.store.ox.contains_named_graph(ox.NamedNode(graph))
