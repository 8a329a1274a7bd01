"""Data-driven shape tests: every case file in cases/ validates as its header says (see cases/README.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SH

from firmgraph import shapes
from firmgraph.graph.pipeline.validation import Result, ValidationReport, validate

CASES = Path(__file__).parent / "cases"
MINIMUM = {"valid": 12, "invalid": 35, "warning": 5}
CONTEXT = rdflib.URIRef("urn:firmgraph:test:context")
_EXPECT = re.compile(r"^#\s*(expect|expect-warning):\s*(\S+)(?:\s+(\S+))?\s*$")


def case_files(kind: str) -> list[Path]:
    return sorted(p for p in (CASES / kind).iterdir() if p.suffix in {".ttl", ".trig"})


def all_cases() -> list[Path]:
    return [p for kind in MINIMUM for p in case_files(kind)]


@dataclass(frozen=True)
class Expectation:
    severity: str
    """Violation or Warning."""
    shape: str
    component: str | None

    def met_by(self, result: Result) -> bool:
        names = {result.shape, result.source_constraint, owner(result.shape)}
        return (
            result.severity == self.severity
            and self.shape in names
            and self.component in (None, result.source_constraint_component)
        )


def expectations(path: Path) -> list[Expectation]:
    """The `# expect:` and `# expect-warning:` lines of a case's opening comment."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = _EXPECT.match(line)
        if match:
            kind, shape, component = match.groups()
            found.append(Expectation("Violation" if kind == "expect" else "Warning", shape, component))
    return found


@cache
def owner(shape: str) -> str | None:
    """The node shape that holds a property shape (by CURIE), if any."""
    graph = shapes.load()
    node = graph.namespace_manager.expand_curie(shape) if ":" in shape else None
    parent = graph.value(predicate=SH.property, object=node) if node is not None else None
    return parent.n3(graph.namespace_manager) if parent is not None else None


def load(path: Path) -> tuple[rdflib.Graph | rdflib.Dataset, rdflib.Graph | None]:
    """A case as an import sees it: (batch, context); TriG's context graph is the context."""
    if path.suffix == ".ttl":
        return rdflib.Graph().parse(path, format="turtle"), None
    dataset = rdflib.Dataset()
    dataset.parse(path, format="trig")
    context = rdflib.Graph()
    for triple in dataset.graph(CONTEXT):
        context.add(triple)
    dataset.remove_graph(CONTEXT)
    return dataset, context


def run(path: Path) -> ValidationReport:
    """Validate a case as an import would."""
    data, context = load(path)
    return validate(data, context=context)


def describe(report: ValidationReport) -> str:
    return report.text() or "(no results)"


def test_each_folder_holds_enough_cases() -> None:
    counts = {kind: len(case_files(kind)) for kind in MINIMUM}
    assert all(counts[kind] >= minimum for kind, minimum in MINIMUM.items()), counts


@pytest.mark.parametrize("path", all_cases(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(path: Path) -> None:
    kind = path.parent.name
    expected = expectations(path)
    violations = [e for e in expected if e.severity == "Violation"]
    warnings = [e for e in expected if e.severity == "Warning"]
    if kind == "valid":
        assert not violations, "a valid case expects no violation"
    elif kind == "invalid":
        assert violations, "an invalid case names the shape it trips in an `# expect:` line"
    else:
        assert warnings and not violations, "a warning case names warnings and no violation"

    report = run(path)

    assert report.conforms is (kind != "invalid"), describe(report)
    for expectation in expected:
        results = report.violations if expectation.severity == "Violation" else report.warnings
        assert any(expectation.met_by(r) for r in results), f"{expectation} not met:\n{describe(report)}"
    for result in report.violations + report.warnings:
        assert any(e.met_by(result) for e in expected), f"unexpected result:\n{result.line()}"


def test_a_case_of_another_kind_is_not_expected_to_pass() -> None:
    """The matcher itself: a result of the wrong shape, component or severity meets no expectation."""
    result = Result(
        focus_node="https://w3id.org/firmgraph/id/event/E1",
        path="fg:jobsCut",
        value='"-1"^^xsd:integer',
        shape="fgsh:Event-jobsCut",
        severity="Violation",
        message_en="",
        message_de="",
        source_constraint_component="sh:MinInclusiveConstraintComponent",
    )
    assert Expectation("Violation", "fgsh:Event-jobsCut", "sh:MinInclusiveConstraintComponent").met_by(result)
    assert Expectation("Violation", "fgsh:EventShape", None).met_by(result)
    assert not Expectation("Warning", "fgsh:Event-jobsCut", None).met_by(result)
    assert not Expectation("Violation", "fgsh:Event-headcountBefore", None).met_by(result)
    assert not Expectation("Violation", "fgsh:Event-jobsCut", "sh:DatatypeConstraintComponent").met_by(result)
