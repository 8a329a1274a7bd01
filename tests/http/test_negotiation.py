"""The negotiation tables and the choice by q-value, tested directly."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from firmgraph.api.negotiation import GRAPH_FORMATS, RESULT_FORMATS, NotAcceptable, choose, find, parse_accept


def test_every_format_is_one_pyoxigraph_writes() -> None:
    for fmt in RESULT_FORMATS:
        assert ox.QueryResultsFormat.from_media_type(fmt.media_type) is not None, fmt
    for fmt in GRAPH_FORMATS:
        assert ox.RdfFormat.from_media_type(fmt.media_type) is not None, fmt


@pytest.mark.parametrize("table", [RESULT_FORMATS, GRAPH_FORMATS])
def test_names_and_media_types_are_unique(table) -> None:  # type: ignore[no-untyped-def]
    assert len({f.name for f in table}) == len(table)
    assert len({f.media_type for f in table}) == len(table)


@pytest.mark.parametrize(
    ("table", "accept", "expected"),
    [
        (RESULT_FORMATS, None, "json"),
        (RESULT_FORMATS, "", "json"),
        (RESULT_FORMATS, "*/*", "json"),
        (RESULT_FORMATS, "text/tab-separated-values, text/csv", "csv"),  # a tie: the table decides
        (RESULT_FORMATS, "text/csv;q=0.4, application/sparql-results+xml;q=0.5", "xml"),
        (RESULT_FORMATS, "text/*", "csv"),
        (RESULT_FORMATS, "text/xml", "xml"),
        (RESULT_FORMATS, "application/sparql-results+json;q=0, */*;q=0.1", "xml"),
        (GRAPH_FORMATS, "application/json", "jsonld"),
        (GRAPH_FORMATS, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "rdfxml"),
        (GRAPH_FORMATS, "application/n-quads;q=1.0, text/turtle;q=0.9", "nquads"),
        (GRAPH_FORMATS, "TEXT/Turtle", "turtle"),
    ],
)
def test_choose_by_accept(table, accept: str | None, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert choose(table, accept=accept).name == expected


@pytest.mark.parametrize("given", ["csv", "CSV", "text/csv", "csv"])
def test_format_parameter_by_name_extension_or_type(given: str) -> None:
    assert choose(RESULT_FORMATS, accept="application/sparql-results+json", format_param=given).name == "csv"
    assert choose(GRAPH_FORMATS, accept=None, format_param="ttl").name == "turtle"


@pytest.mark.parametrize(
    ("table", "accept", "fmt"),
    [
        (RESULT_FORMATS, "text/turtle", None),
        (RESULT_FORMATS, "application/sparql-results+json;q=0", None),
        (GRAPH_FORMATS, "text/csv", None),
        (GRAPH_FORMATS, None, "csv"),
    ],
)
def test_nothing_acceptable_raises(table, accept: str | None, fmt: str | None) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotAcceptable) as raised:
        choose(table, accept=accept, format_param=fmt)
    assert raised.value.offered == table


def test_parse_accept_reads_q_and_specificity() -> None:
    assert parse_accept("text/csv;q=0.5, */*;q=x, text/*, nonsense") == [
        ("text/csv", 0.5, 2),
        ("*/*", 0.0, 0),
        ("text/*", 1.0, 1),
    ]


def test_find_reads_a_content_type_with_parameters() -> None:
    assert find(GRAPH_FORMATS, "text/turtle; charset=utf-8").name == "turtle"  # type: ignore[union-attr]
    assert find(GRAPH_FORMATS, "application/pdf") is None
