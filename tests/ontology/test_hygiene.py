"""Ontology hygiene: each SPARQL check shipped with the vocabulary returns no rows on it, and each
catches the broken copy of the vocabulary made for it (tests/ontology/broken/<check>.ru)."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from firmgraph import ontology

BROKEN = Path(__file__).parent / "broken"
CHECKS = ontology.hygiene_queries()


def vocabulary_store(*, alignments: bool = False) -> ox.Store:
    """An in-memory store holding the vocabulary in its default graph."""
    names = (*ontology.CORE, ontology.ALIGNMENTS) if alignments else ontology.CORE
    store = ox.Store()
    for name in names:
        store.load(ontology.read(name), format=ox.RdfFormat.TURTLE)
    return store


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """The rows of a SELECT query, each as {variable: value} (unbound variables left out)."""
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [
        {name: term.value for name, term in zip(names, row, strict=True) if term is not None}
        for row in solutions
    ]


def show(rows: list[dict[str, str]]) -> str:
    return "\n".join("  " + "  ".join(f"{k}={v}" for k, v in row.items()) for row in rows)


@pytest.fixture(scope="module")
def stores() -> dict[bool, ox.Store]:
    return {False: vocabulary_store(), True: vocabulary_store(alignments=True)}


def test_checks_are_found() -> None:
    # A glob that finds nothing would let every parametrised test below pass vacuously.
    assert len(CHECKS) >= 6, f"only {len(CHECKS)} hygiene queries found: {sorted(CHECKS)}"


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_has_title_and_description(name: str) -> None:
    text = CHECKS[name]
    assert re.search(r"^# title: \S", text, re.M), f"{name}.rq has no '# title:' line"
    assert re.search(r"^# description: \S", text, re.M), f"{name}.rq has no '# description:' line"


@pytest.mark.parametrize("alignments", [False, True], ids=["core", "with-alignments"])
@pytest.mark.parametrize("name", sorted(CHECKS))
def test_vocabulary_passes_check(stores: dict[bool, ox.Store], name: str, alignments: bool) -> None:
    rows = select(stores[alignments], CHECKS[name])
    assert not rows, f"{name}: {len(rows)} offending row(s)\n{show(rows)}"


def test_every_check_has_a_broken_case() -> None:
    cases = {p.stem for p in BROKEN.glob("*.ru")}
    assert cases == set(CHECKS), (
        f"checks without a broken case: {sorted(set(CHECKS) - cases)}; "
        f"broken cases without a check: {sorted(cases - set(CHECKS))}"
    )


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_catches_broken_vocabulary(name: str) -> None:
    update = (BROKEN / f"{name}.ru").read_text(encoding="utf-8")
    expected = re.search(r"^# rows: (\d+)$", update, re.M)
    assert expected and int(expected.group(1)) > 0, f"{name}.ru must start with '# rows: N', N > 0"
    store = vocabulary_store()
    store.update(update)
    rows = select(store, CHECKS[name])
    assert len(rows) == int(expected.group(1)), f"{name} on the broken copy:\n{show(rows)}"


def test_term_without_german_label_is_caught() -> None:
    """The plainest failure, spelled out: a new class with an English label only."""
    store = vocabulary_store()
    store.update(
        "PREFIX fg: <https://w3id.org/firmgraph/ns#> PREFIX owl: <http://www.w3.org/2002/07/owl#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        'INSERT DATA { fg:ShortTimeWork a owl:Class ; rdfs:label "short-time work"@en . }'
    )
    rows = select(store, CHECKS["label-de-missing"])
    assert rows == [{"term": "https://w3id.org/firmgraph/ns#ShortTimeWork"}]
