"""SHACL-guarded writes over HTTP: SPARQL 1.1 Update and the Graph Store Protocol.

Every write passes the same guard as imports, and a write that violates the shapes changes
nothing. An update's effect is computed before anything is written:

- INSERT DATA / DELETE DATA: their quads, read by pyoxigraph from a scratch store.
- DELETE/INSERT ... WHERE: the WHERE clause runs as a `SELECT *` on the bounded query engine
  (so a runaway WHERE is stopped like any query) and the templates are instantiated per
  solution, as SPARQL says (unbound variables drop a triple; template blank nodes are fresh).
- CLEAR, DROP, CREATE, ADD, MOVE, COPY: passed on as written; like a Graph Store DELETE,
  retracting a graph is always allowed.

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
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from firmgraph.graph.errors import (
    MalformedInputError,
    NotFoundError,
    QueryError,
    ShapeViolationError,
    StoreError,
)
from firmgraph.graph.guard import rdflib_operations, refuse_remote_calls
from firmgraph.graph.imports import context_for, to_rdflib
from firmgraph.graph.querying import QueryEngine, QueryJob
from firmgraph.graph.sparql import (
    Operation,
    UpdateSyntaxError,
    mentions,
    split_update,
    template_as_trig,
    tokens,
)
from firmgraph.graph.store import EmbeddedStore, Store
from firmgraph.graph.store.base import data_block
from firmgraph.graph.terms import iri, refuse_entities
from firmgraph.graph.validation import ValidationReport, validate

__all__ = ["GuardedWriter", "WriteResult", "checked_operations", "data_quads"]

VAR_IRI = "urn:x-firmgraph:var:"
TSV = ox.QueryResultsFormat.TSV
Quad = ox.Quad
State = set[ox.Quad]


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
        _check_syntax(text)
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


def data_quads(op: Operation) -> list[ox.Quad]:
    """The quads an INSERT DATA or DELETE DATA operation names."""
    text = op.text if op.kind == "INSERT DATA" else "INSERT" + op.text[len("DELETE") :]
    return _data_quads(op, text)


# -- the steps of an update ---------------------------------------------------------------------


@dataclass
class _Delta:
    """Quads removed, then quads added (concrete: no variables, graphs resolved)."""

    deletes: list[ox.Quad] = field(default_factory=list)
    inserts: list[ox.Quad] = field(default_factory=list)

    def statements(self) -> list[str]:
        out = []
        if self.deletes:
            out.append(data_block("DELETE", self.deletes))
        if self.inserts:
            out.append(data_block("INSERT", self.inserts))
        return out

    def apply(self, state: State) -> State:
        return (state - set(self.deletes)) | set(self.inserts)


@dataclass
class _GraphOp:
    """A graph management operation, passed on as written and simulated on the touched quads."""

    statement: str
    simulate: Callable[[State], State]

    def statements(self) -> list[str]:
        return [self.statement]

    def apply(self, state: State) -> State:
        return self.simulate(state)


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
        if not isinstance(store, EmbeddedStore):
            raise StoreError("writes over HTTP need the embedded store")
        self.store = store
        self.engine = engine
        self.allow_load = allow_load
        self.allow_service = allow_service
        self._lock = threading.Lock()

    # -- SPARQL 1.1 Update ----------------------------------------------------------------------

    def update(
        self, text: str, *, using: tuple[str, ...] = (), using_named: tuple[str, ...] = ()
    ) -> WriteResult:
        """Apply an update request if the resulting state conforms to the shapes.

        Raises:
            QueryError: malformed or refused update. ShapeViolationError: it would break the shapes.
        """
        ops = checked_operations(text, allow_service=self.allow_service, allow_load=self.allow_load)
        if (using or using_named) and any(op.using or op.using_named or op.with_graph for op in ops):
            raise QueryError("using-graph-uri / using-named-graph-uri cannot be combined with USING or WITH")
        with self._lock:
            steps = self._plan(ops, using, using_named)
            deltas = [s for s in steps if isinstance(s, _Delta)]
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
    ) -> list[_Delta | _GraphOp]:
        steps: list[_Delta | _GraphOp] = []
        for op in ops:
            if op.kind in ("MODIFY", "DELETE WHERE") and any(
                isinstance(s, _GraphOp) or s.deletes or s.inserts for s in steps
            ):
                raise QueryError(
                    "an operation with a WHERE clause follows one that changes data in the same request;"
                    " send them as separate requests"
                )
            if op.kind == "INSERT DATA":
                steps.append(_Delta(inserts=data_quads(op)))
            elif op.kind == "DELETE DATA":
                steps.append(_Delta(deletes=self._holders(data_quads(op))))
            elif op.kind in ("MODIFY", "DELETE WHERE"):
                steps.append(self._modify(op, using, using_named))
            elif op.kind == "LOAD":
                steps.append(_Delta(inserts=_loaded_quads(op)))
            else:
                steps.append(_GraphOp(f"{op.prologue}\n{op.text}", _simulation(op)))
        return steps

    def _modify(self, op: Operation, using: tuple[str, ...], using_named: tuple[str, ...]) -> _Delta:
        default_graphs: tuple[str, ...] | None = None
        named_graphs: tuple[str, ...] | None = None
        if using or using_named:
            default_graphs, named_graphs = using, using_named or None
        elif op.using or op.using_named:
            default_graphs = tuple(_resolve(op.prologue, g) for g in op.using)
            named_graphs = tuple(_resolve(op.prologue, g) for g in op.using_named) or None
        elif op.with_graph:
            default_graphs = (_resolve(op.prologue, op.with_graph),)
        job = QueryJob(
            f"{op.prologue}\nSELECT * WHERE {op.where}",
            tabular="text/tab-separated-values",
            default_graphs=default_graphs,
            named_graphs=named_graphs,
        )
        outcome = self.engine.execute(job)
        solutions = list(ox.parse_query_results(outcome.body, TSV))  # type: ignore[arg-type]
        delta = _Delta()
        if op.delete is not None:
            pattern = _template(op, op.delete)
            quads = _instantiate(pattern, solutions)
            named = [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]
            unnamed = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
            delta.deletes = _dedupe(named + self._holders(unnamed))
        if op.insert is not None:
            delta.inserts = _dedupe(_instantiate(_template(op, op.insert), solutions))
        return delta

    def _holders(self, quads: list[ox.Quad]) -> list[ox.Quad]:
        """Quads of the default (union) graph -> the quads of every graph that holds the triple."""
        out: list[ox.Quad] = []
        for q in quads:
            if not isinstance(q.graph_name, ox.DefaultGraph):
                out.append(q)
                continue
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                raise QueryError(_BLANK_NODES)
            out.extend(self.store.ox.quads_for_pattern(q.subject, q.predicate, q.object, None))
        return _dedupe(out)

    def _check(self, steps: list[_Delta | _GraphOp]) -> ValidationReport | None:
        """Validate the state the steps leave every subject they add or remove quads of in."""
        touched = {q.subject for s in steps if isinstance(s, _Delta) for q in (*s.deletes, *s.inserts)}
        if not touched:
            return None
        state: State = set()
        for subject in touched:
            if isinstance(subject, ox.NamedNode):
                state.update(self.store.ox.quads_for_pattern(subject, None, None, None))
        for step in steps:
            state = step.apply(state)
        after = [q for q in state if q.subject in touched]
        return validate(to_rdflib(after), context=context_for(self.store, after))

    # -- Graph Store Protocol -------------------------------------------------------------------

    def replace_graph(self, graph: str | None, data: bytes, fmt: ox.RdfFormat, *, base: str) -> WriteResult:
        """PUT: the graph's content becomes the body's triples (validated as a batch)."""
        quads = _parse_body(data, fmt, graph, base)
        with self._lock:
            existed = self._exists(graph)
            report = validate(to_rdflib(quads), context=context_for(self.store, quads))
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

    def add_to_graph(self, graph: str | None, data: bytes, fmt: ox.RdfFormat, *, base: str) -> WriteResult:
        """POST: the body's triples are added (validated together with the graph's current content)."""
        quads = _parse_body(data, fmt, graph, base)
        with self._lock:
            existed = self._exists(graph)
            name = ox.NamedNode(graph) if graph else ox.DefaultGraph()
            merged = list(self.store.ox.quads_for_pattern(None, None, None, name)) + quads
            report = validate(to_rdflib(merged), context=context_for(self.store, merged))
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

    def exists(self, graph: str | None) -> bool:
        return self._exists(graph)

    def _exists(self, graph: str | None) -> bool:
        return graph is None or self.store.ox.contains_named_graph(ox.NamedNode(graph))


_BLANK_NODES = (
    "this update would delete or copy blank nodes of the store, which SPARQL cannot name;"
    " replace the graph that holds them instead (Graph Store Protocol PUT)"
)


def _check_syntax(text: str) -> None:
    """pyoxigraph's parser on the update (run on an empty scratch store: no data, no network)."""
    try:
        ox.Store().update(text)
    except SyntaxError as e:
        raise QueryError(str(e)) from e
    except (RuntimeError, OSError):
        pass  # it parsed; what it does to the real store is decided when it is applied


def _data_quads(op: Operation, insert_text: str) -> list[ox.Quad]:
    """The quads of an INSERT DATA block, as pyoxigraph reads them."""
    scratch = ox.Store()
    try:
        scratch.update(f"{op.prologue}\n{insert_text}")
    except (SyntaxError, OSError) as e:
        raise QueryError(str(e)) from e
    return list(scratch.quads_for_pattern(None, None, None, None))


def _loaded_quads(op: Operation) -> list[ox.Quad]:
    """LOAD (when enabled): the document read into a scratch store."""
    scratch = ox.Store()
    try:
        scratch.update(f"{op.prologue}\n{op.text}")
    except (SyntaxError, OSError) as e:
        raise QueryError(f"LOAD failed: {e}") from e
    return list(scratch.quads_for_pattern(None, None, None, None))


def _resolve(prologue: str, reference: str) -> str:
    """The absolute IRI of a graph reference as written (`<...>` or a prefixed name)."""
    try:
        (quad,) = ox.parse(
            f"{prologue}\nGRAPH {reference} {{ <urn:x:s> <urn:x:p> <urn:x:o> }}", ox.RdfFormat.TRIG
        )
    except (SyntaxError, ValueError) as e:
        raise QueryError(f"not a graph IRI: {reference}") from e
    return quad.graph_name.value  # type: ignore[union-attr]


def _template(op: Operation, body: str) -> list[ox.Quad]:
    """A quad template as quads whose variables are IRIs under VAR_IRI."""
    trig = template_as_trig(body, default_graph=op.with_graph, var_iri=VAR_IRI)
    try:
        return list(ox.parse(f"{op.prologue}\n{trig}", ox.RdfFormat.TRIG))
    except SyntaxError as e:
        raise QueryError(f"cannot read the template: {e}") from e


def _instantiate(pattern: list[ox.Quad], solutions: list[ox.QuerySolution]) -> list[ox.Quad]:
    """The template's quads for every solution, as SPARQL 1.1 Update §3.1.3 says."""
    out: list[ox.Quad] = []
    for solution in solutions:
        fresh: dict[str, ox.BlankNode] = {}
        for quad in pattern:
            terms = []
            for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
                if isinstance(term, ox.NamedNode) and term.value.startswith(VAR_IRI):
                    bound = solution[term.value[len(VAR_IRI) :]]
                    if isinstance(bound, ox.BlankNode):
                        raise QueryError(_BLANK_NODES)
                    terms.append(bound)
                elif isinstance(term, ox.BlankNode):
                    terms.append(fresh.setdefault(term.value, ox.BlankNode()))
                else:
                    terms.append(term)
            s, p, o, g = terms
            if (
                s is None
                or p is None
                or o is None
                or g is None
                or isinstance(s, ox.Literal)
                or not isinstance(p, ox.NamedNode)
                or not isinstance(g, ox.NamedNode | ox.DefaultGraph)
            ):
                continue  # an unbound or ill-typed term drops the triple, not the request
            out.append(ox.Quad(s, p, o, g))
    return out


def _dedupe(quads: list[ox.Quad]) -> list[ox.Quad]:
    return list(dict.fromkeys(quads))


def _parse_body(data: bytes, fmt: ox.RdfFormat, graph: str | None, base: str) -> list[ox.Quad]:
    """A Graph Store request body as quads of the target graph (a dataset's graphs are merged)."""
    name: ox.NamedNode | ox.DefaultGraph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    refuse_entities(data, fmt, name=graph or "default graph")
    try:
        parsed = ox.parse(data, fmt, base_iri=graph or base)
        return _dedupe([ox.Quad(q.subject, q.predicate, q.object, name) for q in parsed])
    except SyntaxError as e:
        raise MalformedInputError(f"malformed {fmt.name}: {e}", path=graph or "default graph") from e
    except UnicodeDecodeError as e:
        raise MalformedInputError(f"not UTF-8 text: {e}", path=graph or "default graph") from e


# -- graph management, simulated on the touched quads -------------------------------------------


def _simulation(op: Operation) -> Callable[[State], State]:
    """What CLEAR/DROP/CREATE/ADD/MOVE/COPY do to a set of quads (to validate what follows them)."""
    words = [t for t in tokens(op.text) if t.keyword != "SILENT"]
    kind = op.kind
    if kind == "CREATE":
        return lambda state: state
    if kind in ("CLEAR", "DROP"):
        if len(words) < 2:
            raise QueryError(f"{kind} needs GRAPH <iri>, DEFAULT, NAMED or ALL")
        target = words[1].keyword
        if target == "ALL":
            return lambda state: set()
        if target == "NAMED":
            return lambda state: {q for q in state if isinstance(q.graph_name, ox.DefaultGraph)}
        graph = _graph_ref(op, words[1:])
        return lambda state: {q for q in state if q.graph_name != graph}
    # ADD / MOVE / COPY source TO target
    to = next((i for i, t in enumerate(words) if t.keyword == "TO"), None)
    if to is None:
        raise QueryError(f"{kind} needs a source and a target: {kind} <a> TO <b>")
    source, target_graph = _graph_ref(op, words[1:to]), _graph_ref(op, words[to + 1 :])

    def copy(state: State) -> State:
        if source == target_graph:
            return state
        kept = state if kind == "ADD" else {q for q in state if q.graph_name != target_graph}
        moved = {
            ox.Quad(q.subject, q.predicate, q.object, target_graph) for q in state if q.graph_name == source
        }
        if kind == "MOVE":
            kept = {q for q in kept if q.graph_name != source}
        return kept | moved

    return copy


def _graph_ref(op: Operation, words: list) -> ox.NamedNode | ox.DefaultGraph:  # type: ignore[type-arg]
    if words and words[0].keyword == "DEFAULT":
        return ox.DefaultGraph()
    if words and words[0].keyword == "GRAPH":
        words = words[1:]
    if not words:
        raise QueryError(f"{op.kind} needs a graph")
    return ox.NamedNode(_resolve(op.prologue, words[0].text))
