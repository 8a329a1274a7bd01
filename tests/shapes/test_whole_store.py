"""Whole-store validation: the compiled engine's queries over the store's union of graphs, beside
pySHACL graph by graph; and `firmgraph validate --engine ... --format ...` as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from firmgraph.graph.synth.graph import write_synthetic

from .test_engines import results

DEFECTS = """
PREFIX fg: <https://w3id.org/firmgraph/ns#>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT { GRAPH ?g { ?org schema:name "A second name" . ?event fg:jobsCut "many" ; fg:costMin 9 ; fg:costMax 1 } }
WHERE {
  { SELECT ?g ?event WHERE { GRAPH ?g { ?event fg:organization ?o } } ORDER BY ?event LIMIT 1 }
  { SELECT ?org WHERE { GRAPH ?h { ?org a <http://www.w3.org/ns/org#FormalOrganization> } } ORDER BY ?org LIMIT 1 }
}
"""


def test_engines_agree_on_a_whole_store(tmp_path: Path, settings: Settings) -> None:
    dump = tmp_path / "s.nq"
    write_synthetic(dump, firms=6, seed=2, base=settings.base_iri)
    with KnowledgeGraph.open(tmp_path / "store", settings=settings) as kg:
        kg.restore(dump)
        steps: list[int] = []
        clean = kg.validate(progress=steps.append)
        assert clean.conforms, clean.text()
        assert sum(steps) == kg.validation_steps() > 50  # one step per check
        kg.store.update(DEFECTS)
        compiled = kg.validate()
        reference = kg.validate(engine="pyshacl")
    assert not compiled.conforms
    components = {r.source_constraint_component for r in compiled.violations}
    assert {"sh:MaxCountConstraintComponent", "sh:DatatypeConstraintComponent"} <= components
    assert "sh:LessThanOrEqualsConstraintComponent" in components
    assert results(compiled) == results(reference)
    # pySHACL, graph by graph, reports an entity once for each graph that holds it
    assert set(compiled.text("de").splitlines()) == set(reference.text("de").splitlines())


def results_of(report: dict[str, list[dict[str, str]]]) -> set[str]:
    return {json.dumps(r, sort_keys=True) for r in report["violations"] + report["warnings"]}


def test_validate_command_takes_an_engine_and_a_format(tmp_path: Path, settings: Settings) -> None:
    dump = tmp_path / "s.nq"
    write_synthetic(dump, firms=2, seed=4, base=settings.base_iri)
    store = tmp_path / "store"
    with KnowledgeGraph.open(store, settings=settings) as kg:
        kg.restore(dump)
        kg.store.update(DEFECTS)

    def validate(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "firmgraph.api.cli", "--store", str(store), "validate", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=300)

    compiled, reference = validate("--format", "json"), validate("--engine", "pyshacl", "--format", "json")
    assert compiled.returncode == reference.returncode == 1, compiled.stderr + reference.stderr
    assert results_of(json.loads(compiled.stdout)) == results_of(json.loads(reference.stdout))
    german = validate("--lang", "de")
    assert "Ein Ereignis" in german.stdout or "höchstens" in german.stdout
    assert "violation(s)" in german.stdout
    turtle = validate("--format", "turtle")
    assert "sh:ValidationReport" in turtle.stdout
    wrong = validate("--engine", "fast")
    assert wrong.returncode == 2 and "unknown engine" in wrong.stderr


def test_a_store_with_data_but_no_graph_to_check_is_an_error_not_a_pass(
    tmp_path: Path, settings: Settings
) -> None:
    store = tmp_path / "store"
    with KnowledgeGraph.open(store, settings=settings) as kg:
        assert kg.validate().conforms  # an empty store conforms: there is nothing to check
        # an invalid event written to the default graph, where no import puts data
        kg.store.update(
            "PREFIX fg: <https://w3id.org/firmgraph/ns#> "
            'INSERT DATA { <http://e/event> a fg:RestructuringEvent ; fg:jobsCut "many" }'
        )
    command = [sys.executable, "-m", "firmgraph.api.cli", "--store", str(store), "validate"]
    for engine in ("compiled", "pyshacl"):
        done = subprocess.run([*command, "--engine", engine], capture_output=True, text=True, timeout=300)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "no graph to check" in done.stderr and "2 quad(s)" in done.stderr, done.stderr
        assert "violation(s)" not in done.stdout


def _defect_in(graph: str) -> str:
    return f"""
PREFIX fg: <https://w3id.org/firmgraph/ns#>
INSERT {{ GRAPH <{graph}> {{ ?event fg:jobsCut "many" }} }}
WHERE {{ GRAPH <{graph}> {{ ?event fg:organization ?o }} }}
"""


def test_validate_changed_since_checks_only_the_sources_imported_since(
    tmp_path: Path, settings: Settings
) -> None:
    import time
    from datetime import UTC, datetime

    from tests.conftest import SAMPLES

    samples = sorted(SAMPLES.glob("*.json"))
    store = tmp_path / "store"
    with KnowledgeGraph.open(store, settings=settings) as kg:
        (old,) = kg.import_paths(samples[:1])
        time.sleep(1.1)  # prov:generatedAtTime has whole seconds
        since = datetime.now(UTC)
        (new,) = kg.import_paths(samples[1:2])
        assert kg.changed_graphs(since) == [new.graph]
        kg.store.update(_defect_in(old.graph))  # type: ignore[arg-type]
        assert kg.validate(changed_since=since).conforms  # the old source is not checked
        assert not kg.validate().conforms
        kg.store.update(_defect_in(new.graph))  # type: ignore[arg-type]
        for engine in ("compiled", "pyshacl"):
            found = kg.validate(changed_since=since, engine=engine)  # type: ignore[arg-type]
            assert {r.focus_node for r in found.violations} and not found.conforms
    done = subprocess.run(
        [sys.executable, "-m", "firmgraph.api.cli", "--store", str(store), "validate", "--changed-since",
         since.isoformat()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1 and new.graph and 'fg:jobsCut = "many"' in done.stdout, (
        done.stdout + done.stderr
    )
    bad = subprocess.run(
        [sys.executable, "-m", "firmgraph.api.cli", "--store", str(store), "validate", "--changed-since", "monday"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert bad.returncode == 2 and "ISO 8601" in bad.stderr
