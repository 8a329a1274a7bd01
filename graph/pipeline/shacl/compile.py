"""SHACL shapes compiled to SPARQL SELECT queries, one per shape and constraint component.

Each query returns the violations of one constraint as rows: ?this (the focus node), ?value (the
value node, where the component reports one) and, for SHACL-SPARQL constraints, the variables
the constraint selects. Targets (sh:targetClass, sh:targetSubjectsOf) and sh:class follow
rdfs:subClassOf* in the ontology, expanded when the shapes are compiled, so that the queries
need no hierarchy in the data (the validation graph pySHACL sees holds the same axioms).

A shape with a parameter this compiler does not know is refused (ShapesError): a new shape
never goes silently unchecked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import count

import rdflib
from rdflib.collection import Collection
from rdflib.term import BNode, Literal, Node, URIRef

from firmgraph.graph.errors import ShapesError
from firmgraph.graph.model.namespaces import RDF, RDFS, SH

__all__ = ["Check", "compile_shapes"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_SHAPE_PARAMETERS = {SH.message, SH.severity, SH.targetClass, SH.targetSubjectsOf, SH.property, SH.sparql,
                     SH.path, SH.name, SH.description, SH.order, SH.group}  # fmt: skip
_VALUE_COMPONENTS = {
    SH["class"]: "ClassConstraintComponent",
    SH.datatype: "DatatypeConstraintComponent",
    SH.nodeKind: "NodeKindConstraintComponent",
    SH["in"]: "InConstraintComponent",
    SH.pattern: "PatternConstraintComponent",
    SH.minInclusive: "MinInclusiveConstraintComponent",
    SH.maxInclusive: "MaxInclusiveConstraintComponent",
    SH.minExclusive: "MinExclusiveConstraintComponent",
    SH.maxExclusive: "MaxExclusiveConstraintComponent",
    SH.minLength: "MinLengthConstraintComponent",
    SH.maxLength: "MaxLengthConstraintComponent",
    SH["or"]: "OrConstraintComponent",
}
_OTHER_COMPONENTS = {
    SH.minCount: "MinCountConstraintComponent",
    SH.maxCount: "MaxCountConstraintComponent",
    SH.uniqueLang: "UniqueLangConstraintComponent",
    SH.hasValue: "HasValueConstraintComponent",
    SH.lessThanOrEquals: "LessThanOrEqualsConstraintComponent",
    SH.lessThan: "LessThanConstraintComponent",
}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "!isLiteral({v})",
    SH.IRIOrLiteral: "!isBlank({v})",
    SH.BlankNodeOrLiteral: "!isIRI({v})",
}
_TZ = "(Z|[+-][0-9]{2}:[0-9]{2})?"
_WELL_FORMED = {
    "integer": "isNumeric({v})",
    "decimal": "isNumeric({v})",
    "double": "isNumeric({v})",
    "float": "isNumeric({v})",
    "nonNegativeInteger": "isNumeric({v}) && {v} >= 0",
    "date": "DATATYPE(xsd:date(STR({v}))) = xsd:date",
    "dateTime": "DATATYPE(xsd:dateTime(STR({v}))) = xsd:dateTime",
    "boolean": "DATATYPE(xsd:boolean(STR({v}))) = xsd:boolean",
    "gYear": 'REGEX(STR({v}), "^-?[0-9]{4,}' + _TZ + '$")',
    "gYearMonth": 'REGEX(STR({v}), "^-?[0-9]{4,}-(0[1-9]|1[0-2])' + _TZ + '$")',
}
_PATH_SUFFIXES = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


_ABSENCE = frozenset(
    {SH.MinCountConstraintComponent, SH.HasValueConstraintComponent, SH.QualifiedMinCountConstraintComponent}
)
"""Components a missing value can violate; the others judge only the values a property has."""


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a query whose rows are its violations."""

    shape: Node
    """The shape that reports (sh:sourceShape)."""
    component: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]
    path: Node | None
    """The shape's sh:path (sh:resultPath), None for a node shape."""
    query: str
    constraint: Node | None = None
    """The SHACL-SPARQL constraint (sh:sourceConstraint), if the check is one."""
    templates: tuple[Literal, ...] = ()
    """The constraint's own messages, with {?var} placeholders."""
    flags: tuple[URIRef, ...] = ()
    """Several components in one query: row variable ?_f{i} is true where components[i] fails."""
    targets: frozenset[Node] = frozenset()
    """The classes and predicates of its targets: data with none of them has no focus node."""
    max_count: int | None = None
    """For a check of sh:maxCount alone: the bound (data with no node above it cannot fail)."""

    def applies(self, present: set[Node], most: dict[Node, int] | None = None) -> bool:
        """Whether data whose types and predicates are `present` can violate it: it has a focus node and,
        unless a component asks for a value that may be missing (sh:minCount, sh:hasValue), the property;
        a maxCount check needs a node with more values of it (`most`: the most any node has, by predicate)."""
        if self.targets.isdisjoint(present):
            return False
        if isinstance(self.path, URIRef) and _ABSENCE.isdisjoint(self.flags or (self.component,)):
            if self.max_count is not None and most is not None:
                return most.get(self.path, 0) > self.max_count
            return self.path in present
        return True


def compile_shapes(shapes: rdflib.Graph, hierarchy: Iterable[tuple[Node, Node, Node]]) -> list[Check]:
    """The checks of every shape in `shapes`; `hierarchy` holds the rdfs:subClassOf axioms."""
    return _Compiler(shapes, hierarchy).run()


class _Compiler:
    def __init__(self, shapes: rdflib.Graph, hierarchy: Iterable[tuple[Node, Node, Node]]) -> None:
        self.g = shapes
        self.sub: dict[Node, set[Node]] = {}
        for s, _, o in hierarchy:
            self.sub.setdefault(o, set()).add(s)
        self.names = count()
        self.prefixes = self._prefixes()

    def run(self) -> list[Check]:
        checks: list[Check] = []
        nodes = set(self.g.subjects(RDF.type, SH.NodeShape))
        props = set(self.g.subjects(RDF.type, SH.PropertyShape)) | set(self.g.objects(None, SH.property))
        for shape in sorted(nodes - props, key=str):
            self._check_parameters(shape, node=True)
            focus = self._targets(shape)
            if focus is None:
                continue
            found = self._constraints(shape, focus, None)
            for prop in sorted(self.g.objects(shape, SH.property), key=str):
                found += self._constraints(prop, focus, self._path(prop))
            checks += [replace(c, targets=self._target_keys(shape)) for c in found]
        for prop in sorted(props, key=str):
            self._check_parameters(prop, node=False)
            focus = self._targets(prop)
            if focus is not None:
                found = self._constraints(prop, focus, self._path(prop))
                checks += [replace(c, targets=self._target_keys(prop)) for c in found]
        return checks

    # -- shapes and targets ---------------------------------------------------------------------

    def _check_parameters(self, shape: Node, *, node: bool) -> None:
        known = _SHAPE_PARAMETERS | set(_VALUE_COMPONENTS) | set(_OTHER_COMPONENTS)
        for p in set(self.g.predicates(shape, None)):
            if str(p).startswith(str(SH)) and p not in known:
                raise ShapesError(
                    f"shape {_name(shape)} uses {_name(p)}, which the SPARQL engine does not cover"
                )
        if not node and self.g.value(shape, SH.path) is None:
            raise ShapesError(f"property shape {_name(shape)} has no sh:path")

    def _targets(self, shape: Node) -> str | None:
        classes = sorted(
            {c for t in self.g.objects(shape, SH.targetClass) for c in self._closure(t)}, key=str
        )
        parts = []
        if classes:
            parts.append(f"{{ VALUES ?_class {{ {' '.join(_term(c) for c in classes)} }} ?this a ?_class }}")
        for p in sorted(self.g.objects(shape, SH.targetSubjectsOf), key=str):
            parts.append(f"{{ ?this {_term(p)} [] }}")
        return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }} }}" if parts else None

    def _target_keys(self, shape: Node) -> frozenset[Node]:
        classes = {c for t in self.g.objects(shape, SH.targetClass) for c in self._closure(t)}
        return frozenset(classes | set(self.g.objects(shape, SH.targetSubjectsOf)))

    def _closure(self, cls: Node) -> list[Node]:
        seen, todo = {cls}, [cls]
        while todo:
            for sub in self.sub.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return sorted(seen, key=str)

    def _path(self, shape: Node) -> str:
        return self._path_text(self.g.value(shape, SH.path))

    def _path_text(self, path: Node | None) -> str:
        if isinstance(path, URIRef):
            return _term(path)
        if isinstance(path, BNode):
            if (path, RDF.first, None) in self.g:
                return "(" + "/".join(self._path_text(s) for s in Collection(self.g, path)) + ")"
            inverse = self.g.value(path, SH.inversePath)
            if inverse is not None:
                return "^" + self._path_text(inverse)
            alternatives = self.g.value(path, SH.alternativePath)
            if alternatives is not None:
                return "(" + "|".join(self._path_text(a) for a in Collection(self.g, alternatives)) + ")"
            for predicate, suffix in _PATH_SUFFIXES.items():
                inner = self.g.value(path, predicate)
                if inner is not None:
                    return "(" + self._path_text(inner) + ")" + suffix
        raise ShapesError(f"unsupported sh:path {path!r}")

    # -- constraints ----------------------------------------------------------------------------

    def _constraints(self, shape: Node, focus: str, path: str | None) -> list[Check]:
        severity = self.g.value(shape, SH.severity) or SH.Violation
        messages = tuple(m for m in self.g.objects(shape, SH.message) if isinstance(m, Literal))
        path_node = self.g.value(shape, SH.path) if path else None
        values = (
            f"{{ SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {path} ?value }} }}"
            if path
            else f"{focus} BIND (?this AS ?value)"
        )

        def check(component: str, where: str, select: str = "?this ?value") -> Check:
            query = f"{self.prefixes}SELECT {select} WHERE {{ {where} }}"
            return Check(shape, SH[component], severity, messages, path_node, query)  # type: ignore[arg-type]

        checks = []
        # the shape's value constraints in one query: a flag per constraint, a row per failing value
        tests = [
            (SH[component], self._value_test(param, obj, "?value"))
            for param, component in _VALUE_COMPONENTS.items()
            for obj in self.g.objects(shape, param)
        ]
        if tests:
            flags = " ".join(f"BIND (!({test}) AS ?_f{i})" for i, (_, test) in enumerate(tests))
            where = f"{values} {flags} FILTER ({' || '.join(f'?_f{i}' for i in range(len(tests)))})"
            select = "?this ?value " + " ".join(f"?_f{i}" for i in range(len(tests)))
            query = f"{self.prefixes}SELECT {select} WHERE {{ {where} }}"
            components = tuple(c for c, _ in tests)
            checks.append(Check(shape, components[0], severity, messages, path_node, query, flags=components))
        counts = [(p, o) for p in (SH.minCount, SH.maxCount) for o in self.g.objects(shape, p)]
        if counts:  # one count, a flag per bound
            flags = " ".join(
                f"BIND (?n {'<' if p == SH.minCount else '>'} {int(o)} AS ?_f{i})"
                for i, (p, o) in enumerate(counts)
            )
            where = (f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {focus} OPTIONAL {{ ?this {path} ?v }} }} "
                     f"GROUP BY ?this }} {flags} FILTER ({' || '.join(f'?_f{i}' for i in range(len(counts)))})")  # fmt: skip
            select = "?this " + " ".join(f"?_f{i}" for i in range(len(counts)))
            components = tuple(SH[_OTHER_COMPONENTS[p]] for p, _ in counts)
            query = f"{self.prefixes}SELECT {select} WHERE {{ {where} }}"
            bound = int(counts[0][1]) if [p for p, _ in counts] == [SH.maxCount] else None
            checks.append(
                Check(
                    shape,
                    components[0],
                    severity,
                    messages,
                    path_node,
                    query,
                    flags=components,
                    max_count=bound,
                )  # type: ignore[arg-type]
            )
        for param, component in _OTHER_COMPONENTS.items():
            if param in (SH.minCount, SH.maxCount):
                continue
            for obj in self.g.objects(shape, param):
                checks.append(self._other(check, component, param, obj, focus, path, values))
        for constraint in self.g.objects(shape, SH.sparql):
            checks.append(self._sparql(shape, constraint, focus, severity, messages, path_node))
        return checks

    def _other(self, check, component, param, obj, focus, path, values) -> Check:  # type: ignore[no-untyped-def]
        if param == SH.uniqueLang:
            if not bool(obj.toPython()):
                return check(component, "FILTER (false)", "?this")
            return check(component, f"{{ SELECT ?this ?lang (COUNT(?value) AS ?n) WHERE {{ {values} BIND "
                         f'(LCASE(LANG(?value)) AS ?lang) FILTER (?lang != "") }} GROUP BY ?this ?lang }} '
                         "FILTER (?n > 1)", "?this")  # fmt: skip
        if param == SH.hasValue:
            if path is None:
                return check(component, f"{values} FILTER (!sameTerm(?this, {_term(obj)}))")
            return check(component, f"{focus} FILTER NOT EXISTS {{ ?this {path} {_term(obj)} }}", "?this")
        op = "<=" if param == SH.lessThanOrEquals else "<"
        return check(
            component, f"{values} ?this {_term(obj)} ?_other FILTER (!COALESCE(?value {op} ?_other, false))"
        )

    def _value_test(self, param: Node, obj: Node, v: str) -> str:
        """A SPARQL expression, never an error, that is true when the value node `v` conforms."""
        if param == SH["or"]:
            alternatives = []
            for member in Collection(self.g, obj):
                tests = []
                for p, o in self.g.predicate_objects(member):
                    if p not in _VALUE_COMPONENTS:
                        if str(p).startswith(str(SH)):
                            raise ShapesError(
                                f"sh:or member of {_name(obj)} uses {_name(p)}, which is not covered"
                            )
                        continue
                    tests.append(self._value_test(p, o, v))
                alternatives.append("(" + " && ".join(tests or ["true"]) + ")")
            return "(" + " || ".join(alternatives) + ")"
        if param == SH["class"]:
            k = f"?_k{next(self.names)}"
            classes = " ".join(_term(c) for c in self._closure(obj))
            return f"EXISTS {{ VALUES {k} {{ {classes} }} {v} a {k} }}"
        return f"COALESCE({self._test(param, obj, v)}, false)"

    def _test(self, param: Node, obj: Node, v: str) -> str:
        if param == SH.datatype:
            if obj == RDF.langString:
                return f'(isLiteral({v}) && LANG({v}) != "")'
            local = str(obj)[len(_XSD) :] if str(obj).startswith(_XSD) else None
            extra = _WELL_FORMED.get(local or "", "true").replace("{v}", v)
            return f"(isLiteral({v}) && DATATYPE({v}) = {_term(obj)} && {extra})"
        if param == SH.nodeKind:
            if obj not in _NODE_KINDS:
                raise ShapesError(f"unknown sh:nodeKind {_name(obj)}")
            return _NODE_KINDS[obj].replace("{v}", v)
        if param == SH["in"]:
            members = list(Collection(self.g, obj))
            return "(" + " || ".join([f"sameTerm({v}, {_term(m)})" for m in members] or ["false"]) + ")"
        if param == SH.pattern:
            flags = self.g.value(next(self.g.subjects(SH.pattern, obj)), SH.flags)
            args = f", {_term(Literal(str(flags)))}" if flags is not None else ""
            return f"(!isBlank({v}) && REGEX(STR({v}), {_term(Literal(str(obj)))}{args}))"
        ops = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
        if param in ops:
            return f"({v} {ops[param]} {_term(obj)})"
        op = ">=" if param == SH.minLength else "<="
        return f"(!isBlank({v}) && STRLEN(STR({v})) {op} {int(obj)})"

    def _sparql(self, shape, constraint, focus, severity, messages, path_node) -> Check:  # type: ignore[no-untyped-def]
        for p in set(self.g.predicates(constraint, None)):
            if str(p).startswith(str(SH)) and p not in (SH.select, SH.prefixes, SH.message):
                raise ShapesError(
                    f"SPARQL constraint {_name(constraint)} uses {_name(p)}, which is not covered"
                )
        select = self.g.value(constraint, SH.select)
        if select is None:
            raise ShapesError(f"SPARQL constraint {_name(constraint)} has no sh:select")
        # $this and ?this are one variable: the constraint's query joins the shape's focus nodes
        query = f"{self.prefixes}SELECT * WHERE {{ {focus} {{ {select} }} }}"
        templates = tuple(m for m in self.g.objects(constraint, SH.message) if isinstance(m, Literal))
        return Check(
            shape, SH.SPARQLConstraintComponent, severity, messages, path_node, query, constraint, templates
        )

    def _prefixes(self) -> str:
        declared = {}
        for declaration in self.g.objects(None, SH.declare):
            declared[str(self.g.value(declaration, SH.prefix))] = str(self.g.value(declaration, SH.namespace))
        declared.setdefault("xsd", _XSD)
        return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(declared.items()))


def _term(term: Node) -> str:
    if isinstance(term, Literal) and term.datatype is None and not term.language:
        return term.n3()
    if isinstance(term, (URIRef, Literal)):
        return term.n3()
    raise ShapesError(f"a shape names the blank node {term} where an IRI or literal is needed")


def _name(term: Node) -> str:
    text = str(term)
    for prefix, ns in (("sh:", str(SH)), ("rdfs:", str(RDFS))):
        if text.startswith(ns):
            return prefix + text[len(ns) :]
    return text
