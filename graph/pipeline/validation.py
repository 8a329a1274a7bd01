"""SHACL validation of a batch before it is committed.

The batch is validated in a small graph of its own: the batch, the context it references (types
and names of existing entities) and the ontology's class hierarchy, never inside the store
(pySHACL takes seconds inside a large graph even with focus nodes, milliseconds on its own).
Only results about the batch's own nodes are reported: an invalid context node is the store's
problem, not the batch's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache, partial
from typing import Any
from typing import Literal as Choice

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.collection import Collection
from rdflib.namespace import NamespaceManager
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import BNode, Literal, Node, URIRef

from firmgraph import shapes
from firmgraph.graph.model.namespaces import PREFIXES, RDF, RDFS, SH
from firmgraph.graph.model.terms import iri, to_rdflib_term
from firmgraph.graph.pipeline.shacl import (
    Answer,
    Check,
    compile_shapes,
    copy_described,
    memory_store,
    run_checks,
    to_ox_term,
)

__all__ = [
    "ENGINES",
    "Data",
    "Engine",
    "Result",
    "ValidationReport",
    "checks",
    "merge",
    "validate",
    "validate_all",
]

Engine = Choice["compiled", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("compiled", "pyshacl")
"""compiled: the shapes as SPARQL queries run by pyoxigraph (default); pyshacl: the reference."""

_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_PATH_SUFFIXES = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


@dataclass(frozen=True)
class Result:
    """One validation result, its terms written compactly (CURIEs, N3 literals)."""

    focus_node: str
    path: str | None
    value: str | None
    shape: str
    severity: str
    """Violation, Warning or Info."""
    message_en: str
    message_de: str
    source_constraint_component: str
    source_constraint: str | None = None
    """The SPARQL constraint that produced the result, if one did."""

    def message(self, lang: str = "en") -> str:
        return self.message_de if lang == "de" else self.message_en

    def line(self, lang: str = "en") -> str:
        """One line naming severity, shape, focus node, path, value and message."""
        where = iri(self.focus_node) if not self.focus_node.startswith("_:") else self.focus_node
        if self.path:
            where += f" {self.path}"
        if self.value is not None and self.value != where.split(" ")[0]:  # a node shape's value is its focus
            where += f" = {self.value}"
        shape = f"{self.shape} ({self.source_constraint})" if self.source_constraint else self.shape
        return f"{self.severity} {shape}: {where}: {self.message(lang)}"


@dataclass(frozen=True)
class ValidationReport:
    """What the shapes say about a batch: it conforms unless a result is a violation."""

    conforms: bool
    violations: list[Result]
    warnings: list[Result]
    """Warnings and infos: reported, never blocking."""
    build_graph: Callable[[], rdflib.Graph] = field(repr=False, compare=False)
    """Builds the W3C report graph: on demand, as most batches are never asked for it."""

    @cached_property
    def graph(self) -> rdflib.Graph:
        """The W3C validation report (sh:ValidationReport) of the reported results."""
        return self.build_graph()

    def text(self, lang: str = "en") -> str:
        """Human text, one line per result, violations first (lang: en or de)."""
        return "\n".join(r.line(lang) for r in self.violations + self.warnings)

    def to_json(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "violations": [asdict(r) for r in self.violations],
            "warnings": [asdict(r) for r in self.warnings],
        }

    @cached_property
    def turtle(self) -> str:
        """The W3C validation report as Turtle."""
        return self.graph.serialize(format="turtle")


Data = rdflib.Graph | rdflib.Dataset | Sequence[ox.Quad | ox.Triple]
"""What validation reads: an rdflib graph (a Dataset's named graphs as one graph) or pyoxigraph
quads and triples (their graph names ignored), as an import holds them."""


def validate(data: Data, *, context: Data | None = None, engine: Engine = "compiled") -> ValidationReport:
    """Validate a batch against the shapes.

    Args:
        data: the batch to be committed.
        context: triples from the store the batch references (types and names of existing
            entities); they are seen by the shapes but their own results are not reported.
        engine: compiled (SPARQL in pyoxigraph) or pyshacl (the reference); both report alike.
    """
    if engine == "compiled":
        batch = _ox_triples(data)
        triples = batch + (_ox_triples(context) if context is not None else [])
        store, originals = memory_store(triples)
        present = {t.predicate for t in triples} | {t.object for t in triples if t.predicate == _RDF_TYPE}
        seen, most = {to_rdflib_term(n) for n in present}, _most_values(triples)
        applicable = [c for c in checks() if c.applies(seen, most)]
        results = run_checks(applicable, store, shapes=_shapes(), originals=originals)
        return _report(results, {to_rdflib_term(n) for n in {t.subject for t in batch}})
    if engine != "pyshacl":
        from firmgraph.graph.errors import ConfigurationError

        raise ConfigurationError(f"unknown validation engine {engine!r}: {', '.join(ENGINES)}")
    graph = _ValidationGraph()
    for triple in _class_hierarchy():
        graph.add(triple)
    own = _rdflib_triples(data)
    for triple in own:
        graph.add(triple)
    if context is not None:
        for triple in _rdflib_triples(context):
            graph.add(triple)
    _, results, _ = shacl_validate(
        graph, shacl_graph=_shapes(), inference="none", advanced=False, allow_warnings=True
    )
    return _report(results, {s for s, _, _ in own})


_RDF_TYPE = ox.NamedNode(str(RDF.type))


def _most_values(triples: Sequence[ox.Quad | ox.Triple]) -> dict[Node, int]:
    """The most distinct values any one node has, by predicate (what a sh:maxCount check can exceed)."""
    values = Counter((s, p) for s, p, _ in {(t.subject, t.predicate, t.object) for t in triples})
    most: dict[ox.NamedNode, int] = {}
    for (_, p), n in values.items():
        most[p] = max(most.get(p, 0), n)
    return {to_rdflib_term(p): n for p, n in most.items()}


class _ValidationGraph(rdflib.Graph):
    """A graph that parses each SPARQL text once per process.

    pySHACL hands the same SPARQL constraint text to `query` for every focus node, and rdflib's
    parser takes 4 to 90 ms per query (the LEI check is the longest): parsing once makes the
    SPARQL constraints cost what their evaluation costs.
    """

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


def _rdflib_triples(data: Data) -> list[tuple[Node, Node, Node]]:
    if isinstance(data, rdflib.ConjunctiveGraph):  # Dataset too: flatten its named graphs
        return [(s, p, o) for s, p, o, _ in data.quads((None, None, None, None))]
    if isinstance(data, rdflib.Graph):
        return list(data)
    return [(to_rdflib_term(t.subject), to_rdflib_term(t.predicate), to_rdflib_term(t.object)) for t in data]


def _ox_triples(data: Data) -> list[ox.Quad | ox.Triple]:
    if isinstance(data, rdflib.Graph):
        return [ox.Triple(to_ox_term(s), to_ox_term(p), to_ox_term(o)) for s, p, o in _rdflib_triples(data)]  # type: ignore[arg-type]
    return list(data)


@lru_cache(maxsize=1)
def _shapes() -> rdflib.Graph:
    graph = rdflib.Graph(store="SimpleMemory")
    graph += shapes.load(warnings=True)
    return graph


@lru_cache(maxsize=1)
def checks() -> tuple[Check, ...]:
    """The shapes compiled to SPARQL (once per process)."""
    return tuple(compile_shapes(_shapes(), _class_hierarchy()))


def validate_all(answer: Answer, *, progress: Callable[[int, int], None] | None = None) -> ValidationReport:
    """Validate a whole dataset with the compiled engine: each check is one query `answer` runs
    over it (a store's union of graphs, say), and every result is reported.

    Args:
        progress: called with (checks done, checks in all) after each check.
    """
    return _report(run_checks(checks(), answer, shapes=_shapes(), progress=progress), None)


@lru_cache(maxsize=1)
def _class_hierarchy() -> tuple[tuple[Node, Node, Node], ...]:
    """The ontology's rdfs:subClassOf axioms: all that pySHACL reads of it without inference.

    sh:class and sh:targetClass follow rdf:type/rdfs:subClassOf* in the data graph; concept values
    are checked with sh:in lists. Mixing in the whole ontology and its concept schemes (1,500
    triples) would cost a third more time for nothing.
    """
    from firmgraph import ontology

    return tuple(ontology.load().triples((None, RDFS.subClassOf, None)))


@lru_cache(maxsize=1)
def _namespaces() -> NamespaceManager:
    manager = NamespaceManager(rdflib.Graph(), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace)
    manager.bind("fgsh", shapes.SHAPES)
    return manager


def _report(results: rdflib.Graph, own: set[Node] | None) -> ValidationReport:
    """The results about the batch's own nodes, as Result lists and as a W3C report graph."""
    violations: list[Result] = []
    warnings: list[Result] = []
    kept: list[Node] = []
    for node in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(node, SH.focusNode)
        if own is not None and focus not in own:
            continue
        kept.append(node)
        result = _result(results, node, focus)
        (violations if result.severity == "Violation" else warnings).append(result)
    order = lambda r: (  # noqa: E731 - deterministic whatever order the results graph yields
        r.focus_node,
        r.shape,
        r.path or "",
        r.value or "",
        r.source_constraint_component,
        r.source_constraint or "",
    )
    violations.sort(key=order)
    warnings.sort(key=order)
    conforms = not violations
    return ValidationReport(conforms, violations, warnings, partial(_report_graph, results, kept, conforms))


def _result(results: rdflib.Graph, node: Node, focus: Node) -> Result:
    constraint = results.value(node, SH.sourceConstraint)
    messages = _messages(results.objects(node, SH.resultMessage), constraint)
    fallback = messages.get("en") or messages.get("") or next(iter(messages.values()), "")
    path = results.value(node, SH.resultPath)
    value = results.value(node, SH.value)
    return Result(
        focus_node=str(focus) if isinstance(focus, URIRef) else focus.n3(),
        path=_path_text(results, path) if path is not None else None,
        value=_n3(value) if value is not None else None,
        shape=_n3(results.value(node, SH.sourceShape)),
        severity=_SEVERITIES.get(results.value(node, SH.resultSeverity), "Violation"),  # type: ignore[arg-type]
        message_en=fallback,
        message_de=messages.get("de", fallback),
        source_constraint_component=_n3(results.value(node, SH.sourceConstraintComponent)),
        source_constraint=_n3(constraint) if isinstance(constraint, URIRef) else None,
    )


def _messages(found: Iterable[Node], constraint: Node | None) -> dict[str, str]:
    """Result messages by language; a SPARQL constraint's own messages win over its shape's.

    pySHACL fills in a SPARQL constraint's {?var} placeholders but drops the language tag on the
    way, so the language is recovered by matching the text against the constraint's templates.
    """
    tagged: dict[str, str] = {}
    specific: dict[str, str] = {}
    for message in found:
        text = str(message)
        lang = message.language if isinstance(message, Literal) else None
        if lang:
            tagged.setdefault(lang.split("-")[0].lower(), text)
            continue
        recovered = next((tag for tag, pattern in _templates(constraint) if pattern.fullmatch(text)), "")
        specific.setdefault(recovered, text)
    return tagged | specific


@lru_cache(maxsize=64)
def _templates(constraint: Node | None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(language, pattern) for each message of a SPARQL constraint, placeholders as wildcards."""
    if constraint is None:
        return ()
    patterns = []
    for message in _shapes().objects(constraint, SH.message):
        if isinstance(message, Literal) and message.language:
            parts = re.split(r"\{[$?]\w+\}", str(message))
            pattern = re.compile(".*?".join(re.escape(part) for part in parts), re.DOTALL)
            patterns.append((message.language.split("-")[0].lower(), pattern))
    return tuple(patterns)


def _n3(term: Node | None) -> str:
    if term is None:
        return ""
    return term.n3(_namespaces())


def _path_text(graph: rdflib.Graph, path: Node) -> str:
    """A SHACL property path in SPARQL property path syntax (^fg:figure, fg:a/fg:b, ...)."""
    if not isinstance(path, BNode):
        return _n3(path)
    if (path, RDF.first, None) in graph:
        return "/".join(_path_text(graph, step) for step in Collection(graph, path))
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(graph, inverse)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path_text(graph, a) for a in Collection(graph, alternatives)) + ")"
    for predicate, suffix in _PATH_SUFFIXES.items():
        inner = graph.value(path, predicate)
        if inner is not None:
            return _path_text(graph, inner) + suffix
    return path.n3()


def merge(reports: Iterable[ValidationReport]) -> ValidationReport:
    """One report for several batches (a store validated graph by graph)."""
    violations: list[Result] = []
    warnings: list[Result] = []
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in _namespaces().namespaces():
        graph.bind(prefix, namespace)
    root = BNode()
    graph.add((root, RDF.type, SH.ValidationReport))
    for report in reports:
        violations.extend(report.violations)
        warnings.extend(report.warnings)
        for old_root in report.graph.subjects(RDF.type, SH.ValidationReport):
            for result in report.graph.objects(old_root, SH.result):
                graph.add((root, SH.result, result))
        for triple in report.graph:
            if triple[1] not in (SH.result, SH.conforms) and triple[2] != SH.ValidationReport:
                graph.add(triple)
    graph.add((root, SH.conforms, Literal(not violations)))
    return ValidationReport(not violations, violations, warnings, partial(_built, graph))


def _built(graph: rdflib.Graph) -> rdflib.Graph:
    return graph


def _report_graph(results: rdflib.Graph, kept: list[Node], conforms: bool) -> rdflib.Graph:
    """A W3C validation report holding only the kept results (and the blank nodes they use)."""
    report = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in _namespaces().namespaces():
        report.bind(prefix, namespace)
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(conforms)))
    for node in kept:
        report.add((root, SH.result, node))
    copy_described(results, kept, report)
    return report
