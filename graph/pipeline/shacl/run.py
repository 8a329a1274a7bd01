"""Running compiled checks in pyoxigraph and writing their rows as a W3C results graph.

The results graph holds one sh:ValidationResult per row, as pySHACL writes it (messages, paths
and SPARQL placeholders alike), so that one report builder serves both engines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node

from firmgraph.graph.model.namespaces import RDF, SH
from firmgraph.graph.model.terms import to_rdflib_term
from firmgraph.graph.pipeline.shacl.compile import Check

__all__ = ["Answer", "Originals", "copy_described", "memory_store", "run_checks", "to_ox_term"]

_PLACEHOLDER = re.compile(r"\{[$?](\w+)\}")


def to_ox_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term."""
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"no pyoxigraph term for {term!r}")


def memory_store(triples: Iterable[ox.Triple | ox.Quad]) -> tuple[ox.Store, Originals]:
    """An in-memory store of the triples (in its default graph), and their literals as written.

    Oxigraph keeps literals in canonical form (45000000.0 becomes 45000000): the second item maps
    a canonical literal back to the input's, so that reports quote values as the batch wrote them.
    """
    store = ox.Store()
    literals: list[ox.Literal] = []
    quads = []
    for t in triples:
        quads.append(ox.Quad(t.subject, t.predicate, t.object))
        if isinstance(t.object, ox.Literal):
            literals.append(t.object)
    store.extend(quads)
    return store, Originals(literals)


class Originals:
    """Literals as written, by their canonical key; built on first use (most batches report nothing)."""

    def __init__(self, literals: Iterable[ox.Literal] = ()) -> None:
        self._literals = literals
        self._by_key: dict[tuple[object, ...], Literal] | None = None

    def get(self, literal: Literal) -> Literal:
        if self._by_key is None:
            as_written = (to_rdflib_term(o) for o in self._literals)
            self._by_key = {_key(o): o for o in as_written}
        return self._by_key.get(_key(literal), literal)


def _key(literal: Literal) -> tuple[object, ...]:
    value = literal.value if literal.value is not None else str(literal)
    return (literal.datatype, literal.language, type(value).__name__, value)


Answer = Callable[[str], Iterable[Any]]
"""Runs one SELECT query and yields its solutions (rows indexable by variable name)."""


def run_checks(
    checks: Sequence[Check],
    source: ox.Store | Answer,
    *,
    shapes: rdflib.Graph | None = None,
    progress: Callable[[int, int], None] | None = None,
    originals: Originals | None = None,
) -> rdflib.Graph:
    """Run every check, as one query each, over a store's default graph or through `source`.

    Args:
        source: an in-memory store (its default graph), or what answers a query (a store of any
            kind, the dataset chosen by the caller).
        shapes: the shapes graph, whose path nodes are copied into the results.
        progress: called with (checks done, checks in all) after each check.
        originals: literals as written (see `memory_store`), quoted instead of their canonical form.
    """
    results = rdflib.Graph()
    answer = source.query if isinstance(source, ox.Store) else source
    copied: set[Node] = set()
    for done, check in enumerate(checks, 1):
        for row in answer(check.query):  # type: ignore[union-attr]
            if not check.flags:
                _add(results, check, row, originals or Originals())
                continue
            for i, component in enumerate(check.flags):
                if row[f"_f{i}"].value == "true":  # type: ignore[index, union-attr]
                    _add(results, check, row, originals or Originals(), component)
        if shapes is not None and isinstance(check.path, BNode) and check.path not in copied:
            copied.add(check.path)
            copy_described(shapes, [check.path], results)
        if progress:
            progress(done, len(checks))
    return results


def _add(
    results: rdflib.Graph,
    check: Check,
    row: ox.QuerySolution,
    originals: Originals,
    component: rdflib.URIRef | None = None,
) -> None:
    focus = to_rdflib_term(row["this"])
    node = BNode()
    results.add((node, RDF.type, SH.ValidationResult))
    results.add((node, SH.focusNode, focus))
    results.add((node, SH.sourceShape, check.shape))
    results.add((node, SH.resultSeverity, check.severity))
    results.add((node, SH.sourceConstraintComponent, component or check.component))
    found = _binding(row, "value")
    value = None if found is None else to_rdflib_term(found)
    if isinstance(value, Literal):
        value = originals.get(value)
    if check.constraint is None:
        if value is not None:
            results.add((node, SH.value, value))
        if check.path is not None:
            results.add((node, SH.resultPath, check.path))
        for message in check.messages:
            results.add((node, SH.resultMessage, message))
        return
    # as pySHACL writes a SPARQL result: the value is the focus unless ?value is bound, and the
    # messages (the shape's and the constraint's, placeholders filled in) carry no language
    results.add((node, SH.sourceConstraint, check.constraint))
    results.add((node, SH.value, value if value is not None else focus))
    path = _binding(row, "path")
    if path is not None:
        results.add((node, SH.resultPath, to_rdflib_term(path)))
    elif check.path is not None:
        results.add((node, SH.resultPath, check.path))
    for message in check.messages:
        results.add((node, SH.resultMessage, Literal(str(message))))
    for template in check.templates:
        text = _PLACEHOLDER.sub(
            lambda m: str(value) if m.group(1) == "value" and value is not None else _fill(row, m),
            str(template),
        )
        results.add((node, SH.resultMessage, Literal(text)))


def _binding(row: ox.QuerySolution, name: str) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    try:
        return row[name]  # type: ignore[return-value]
    except (KeyError, IndexError):
        return None


def _fill(row: ox.QuerySolution, match: re.Match[str]) -> str:
    term = _binding(row, match.group(1))
    return term.value if term is not None else match.group(0)


def copy_described(source: rdflib.Graph, nodes: Sequence[Node], target: rdflib.Graph) -> None:
    """Copy what `source` says of the nodes, and of the blank nodes that uses, into `target`."""
    todo, seen = list(nodes), set(nodes)
    while todo:
        subject = todo.pop()
        for _, p, o in source.triples((subject, None, None)):
            target.add((subject, p, o))
            if isinstance(o, BNode) and o not in seen:
                seen.add(o)
                todo.append(o)
