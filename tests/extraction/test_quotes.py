"""Quotations and who said them."""

from __future__ import annotations

from firmgraph.graph.extraction.rules.quotes import find_quoted

from .helpers import extract


def quotes(record: dict) -> list[tuple[str, str | None, str]]:
    return [(q["speaker"], q["outlet"], q["text"]) for q in record["quotes"]]


def test_quote_marks_of_both_languages() -> None:
    text = 'A „deutsches Zitat“ and “an English one” and "plain ones" and »Guillemets« and „mixed".'
    assert [text[a:b] for a, b in find_quoted(text)] == [
        "deutsches Zitat", "an English one", "plain ones", "Guillemets", "mixed",
    ]  # fmt: skip


def test_german_speakers_before_after_and_by_colon() -> None:
    rec = extract(
        "Bosch baut ab\n\nBosch will 3.000 Stellen streichen. „Das ist ein harter Schritt“, sagte Konzernchef Stefan Hartung. "
        "Betriebsratschef Frank Sell kritisierte: „Das ist ein Schlag ins Gesicht.“",
        lang="de",
    )
    assert quotes(rec) == [
        ("Stefan Hartung", None, "Das ist ein harter Schritt"),
        ("Frank Sell", None, "Das ist ein Schlag ins Gesicht."),
    ]


def test_reported_speech_continues_with_the_last_speaker() -> None:
    rec = extract(
        "Amazon streicht\n\nAmazon streicht 16.000 Stellen. Gegenüber Analysten ruderte Amazon-Chef Andy Jassy zurück. "
        "Die Reduzierungen seien „nicht wirklich finanziell bedingt“.",
        lang="de",
    )
    assert quotes(rec) == [("Andy Jassy", None, "nicht wirklich finanziell bedingt")]


def test_company_as_speaker_and_outlet() -> None:
    rec = extract(
        'Acme cuts jobs\n\nAcme will cut 300 jobs. "We regret the decision," the company told Reuters. '
        'CEO Jane Miller said in an interview with Bloomberg: "We had no choice."',
        lang="en",
    )
    assert quotes(rec) == [
        ("Acme", "Reuters", "We regret the decision,"),
        ("Jane Miller", "Bloomberg", "We had no choice."),
    ]


def test_scare_quotes_and_quoted_names_are_not_quotes() -> None:
    rec = extract(
        "Klarna plant Abbau\n\nDas Unternehmen Klarna, bekannt für seine „Buy Now, Pay Later“-Dienste, hat angekündigt, "
        "Stellen abzubauen. Was der Konzern als „Bürokratieabbau“ verkauft, ist ein Sparprogramm.",
        lang="de",
    )
    assert rec["quotes"] == []
