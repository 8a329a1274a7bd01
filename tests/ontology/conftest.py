"""The data-model page's worked example, as RDF: the contract the vocabulary is checked against."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import Graph

from tests.ontology.model_page import BASE, MODEL_DOC, PREFIXES


@pytest.fixture(scope="session")
def model_text() -> str:
    return MODEL_DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def model_example(model_text: str) -> str:
    """The Turtle of the worked example as written on the page, placeholders and all."""
    blocks = re.findall(r"```turtle\n(.*?)```", model_text, re.S)
    assert len(blocks) == 1, f"expected one turtle block in {MODEL_DOC.name}, found {len(blocks)}"
    return blocks[0]


@pytest.fixture(scope="session")
def model_example_graph(model_example: str) -> Graph:
    """The worked example in one graph (its named graphs merged): prefixes added, {base} filled in,
    elided timestamps made valid."""
    text = model_example.replace("{base}", BASE)
    text = re.sub(r'"…"\^\^xsd:dateTime', '"2026-02-02T10:00:00Z"^^xsd:dateTime', text)
    prologue = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
    quads = ox.parse(prologue + text, ox.RdfFormat.TRIG)
    graph = Graph().parse(
        data=ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES), format="nt"
    )
    assert len(graph) > 50
    return graph
