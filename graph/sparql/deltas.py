"""The steps of an update, computed before anything is written: quads deleted and inserted, graph operations.

Internal to `writes`: the quads of DATA blocks, templates instantiated per WHERE solution, and a
simulation of CLEAR / DROP / ADD / MOVE / COPY on the quads a request touches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from firmgraph.graph.errors import MalformedInputError, QueryError
from firmgraph.graph.model.terms import refuse_entities
from firmgraph.graph.sparql.syntax import Operation, template_as_trig, tokens
from firmgraph.graph.store.base import data_block

VAR_IRI = "urn:x-firmgraph:var:"
State = set[ox.Quad]


@dataclass
class Delta:
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
class GraphOp:
    """A graph management operation, passed on as written and simulated on the touched quads."""

    statement: str
    simulate: Callable[[State], State]

    def statements(self) -> list[str]:
        return [self.statement]

    def apply(self, state: State) -> State:
        return self.simulate(state)


BLANK_NODES = (
    "this update would delete or copy blank nodes of the store, which SPARQL cannot name;"
    " replace the graph that holds them instead (Graph Store Protocol PUT)"
)


def check_syntax(text: str) -> None:
    """pyoxigraph's parser on the update (run on an empty scratch store: no data, no network)."""
    try:
        ox.Store().update(text)
    except SyntaxError as e:
        raise QueryError(str(e)) from e
    except (RuntimeError, OSError):
        pass  # it parsed; what it does to the real store is decided when it is applied


def _data_block_quads(op: Operation, insert_text: str) -> list[ox.Quad]:
    """The quads of an INSERT DATA block, as pyoxigraph reads them."""
    scratch = ox.Store()
    try:
        scratch.update(f"{op.prologue}\n{insert_text}")
    except (SyntaxError, OSError) as e:
        raise QueryError(str(e)) from e
    return list(scratch.quads_for_pattern(None, None, None, None))


def data_quads(op: Operation) -> list[ox.Quad]:
    """The quads an INSERT DATA or DELETE DATA operation names."""
    text = op.text if op.kind == "INSERT DATA" else "INSERT" + op.text[len("DELETE") :]
    return _data_block_quads(op, text)


def loaded_quads(op: Operation) -> list[ox.Quad]:
    """LOAD (when enabled): the document read into a scratch store."""
    scratch = ox.Store()
    try:
        scratch.update(f"{op.prologue}\n{op.text}")
    except (SyntaxError, OSError) as e:
        raise QueryError(f"LOAD failed: {e}") from e
    return list(scratch.quads_for_pattern(None, None, None, None))


def resolve_reference(prologue: str, reference: str) -> str:
    """The absolute IRI of a graph reference as written (`<...>` or a prefixed name)."""
    try:
        (quad,) = ox.parse(
            f"{prologue}\nGRAPH {reference} {{ <urn:x:s> <urn:x:p> <urn:x:o> }}", ox.RdfFormat.TRIG
        )
    except (SyntaxError, ValueError) as e:
        raise QueryError(f"not a graph IRI: {reference}") from e
    return quad.graph_name.value  # type: ignore[union-attr]


def template_quads(op: Operation, body: str) -> list[ox.Quad]:
    """A quad template as quads whose variables are IRIs under VAR_IRI."""
    trig = template_as_trig(body, default_graph=op.with_graph, var_iri=VAR_IRI)
    try:
        return list(ox.parse(f"{op.prologue}\n{trig}", ox.RdfFormat.TRIG))
    except SyntaxError as e:
        raise QueryError(f"cannot read the template: {e}") from e


def instantiate(pattern: list[ox.Quad], solutions: list[ox.QuerySolution]) -> list[ox.Quad]:
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
                        raise QueryError(BLANK_NODES)
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


def dedupe(quads: list[ox.Quad]) -> list[ox.Quad]:
    return list(dict.fromkeys(quads))


def parse_body(
    data: bytes, fmt: ox.RdfFormat, graph: str | None, base: str, *, fresh_blank_nodes: bool = False
) -> list[ox.Quad]:
    """A Graph Store request body as quads of the target graph (a dataset's graphs are merged).

    `fresh_blank_nodes` gives the body's blank nodes new labels (for one part among several)."""
    name: ox.NamedNode | ox.DefaultGraph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    refuse_entities(data, fmt, name=graph or "default graph")
    try:
        parsed = ox.parse(data, fmt, base_iri=graph or base, rename_blank_nodes=fresh_blank_nodes)
        return dedupe([ox.Quad(q.subject, q.predicate, q.object, name) for q in parsed])
    except SyntaxError as e:
        raise MalformedInputError(f"malformed {fmt.name}: {e}", path=graph or "default graph") from e
    except UnicodeDecodeError as e:
        raise MalformedInputError(f"not UTF-8 text: {e}", path=graph or "default graph") from e


# -- graph management, simulated on the touched quads -------------------------------------------


def simulation(op: Operation) -> Callable[[State], State]:
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
        graph = graph_ref(op, words[1:])
        return lambda state: {q for q in state if q.graph_name != graph}
    # ADD / MOVE / COPY source TO target
    to = next((i for i, t in enumerate(words) if t.keyword == "TO"), None)
    if to is None:
        raise QueryError(f"{kind} needs a source and a target: {kind} <a> TO <b>")
    source, target_graph = graph_ref(op, words[1:to]), graph_ref(op, words[to + 1 :])

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


def graph_ref(op: Operation, words: list) -> ox.NamedNode | ox.DefaultGraph:  # type: ignore[type-arg]
    if words and words[0].keyword == "DEFAULT":
        return ox.DefaultGraph()
    if words and words[0].keyword == "GRAPH":
        words = words[1:]
    if not words:
        raise QueryError(f"{op.kind} needs a graph")
    return ox.NamedNode(resolve_reference(op.prologue, words[0].text))
