"""Quotations and who said them."""

from __future__ import annotations

import pytest

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


_ACME = "Acme Widgets to cut 300 jobs\n\nAcme Widgets will cut 300 jobs, chief executive Jane Miller said. "
_BRUECKNER = (
    "Brückner streicht 200 Stellen\n\nDie Brückner Antriebstechnik GmbH baut 200 Stellen ab, sagte Geschäftsführer "
    "Paul Brückner. "
)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the quote after an attribution keeps its speaker; a new speaker takes over
        (_ACME + '"Demand has fallen," Miller said on a call with analysts. "We have to adapt." The company said the '
         'cuts would be finished by June. "We will fight this," said union official Tom Baker.', "en",
         [("Jane Miller", "Demand has fallen,"), ("Jane Miller", "We have to adapt."), ("Tom Baker", "We will fight this,")]),
        # "she wrote" after a scene-setting phrase
        (_ACME + 'In an email to staff seen by the Post, she wrote that the company would "find roles for colleagues '
         'elsewhere".', "en", [("Jane Miller", "find roles for colleagues elsewhere")]),
        # an unnamed spokesperson speaks for the firm; a role noun names the one person with that role
        (_BRUECKNER + "Ein Sprecher bestätigte den Umbau. „Wir konzentrieren uns auf das Kerngeschäft“, sagte er. "
         "„Das Herz schlägt weiter in Kassel“, versicherte der Geschäftsführer.", "de",
         [("Brückner Antriebstechnik", "Wir konzentrieren uns auf das Kerngeschäft"),
          ("Paul Brückner", "Das Herz schlägt weiter in Kassel")]),
        # one-word quotes: after "spricht von einem", or a lower-case word
        (_BRUECKNER + "Die IG Metall spricht von einem „Kahlschlag“. Die Gewerkschaft habe 70 Stellen „zurückgeholt“, "
         "sagte Betriebsratschefin Eva Lenz. Das Programm „Zukunft“ läuft.", "de",
         [("IG Metall", "Kahlschlag"), ("Eva Lenz", "zurückgeholt")]),
        # "„…Satz.“ Das sagte X", "„…“, teilte das Unternehmen mit"
        (_BRUECKNER + "„Wir müssen sparen.“ Das sagte Brückner am Montag in Kassel. „Wir bauen sozialverträglich ab“, "
         "teilte das Unternehmen mit.", "de",
         [("Paul Brückner", "Wir müssen sparen."), ("Brückner Antriebstechnik", "Wir bauen sozialverträglich ab")]),
        # "according to CEO X" names a person, not an outlet; a quote after another subject's colon does not go on
        # from the last speaker
        (_ACME + 'Acme employs 6,000 people. "We have to act," according to CEO Jane Miller. The works council '
         'announced resistance: "We will fight."', "en", [("Jane Miller", "We have to act,")]),
    ],
)  # fmt: skip
def test_speakers_of_follow_up_and_short_quotes(
    text: str, lang: str, expected: list[tuple[str, str]]
) -> None:
    assert [(q[0], q[2]) for q in quotes(extract(text, lang=lang))] == expected


def test_the_outlet_carries_over_to_the_statement_it_belongs_to() -> None:
    de = extract(
        "Brenlow streicht Stellen\n\nDie Brenlow AG streicht 400 Stellen. Finanzchef Marc Odermann sagte dem Branchendienst "
        "Cloud Weekly, betroffen sei vor allem der Support. „Wir bündeln den Support in Dublin“, sagte Odermann. "
        "Personalchefin Eva Roth sagte dem Hanse-Wirtschaftsdienst: „Niemand muss Angst haben.“",
        lang="de",
    )
    assert [(q[0], q[1]) for q in quotes(de)] == [
        ("Marc Odermann", "Cloud Weekly"),
        ("Eva Roth", "Hanse-Wirtschaftsdienst"),
    ]
    en = extract(
        'Tarvik to cut 2,500 jobs\n\nTarvik will cut 2,500 jobs. "We are cutting layers," chief executive Anil Rao said '
        'in an interview with Bharat Business TV. "We need fewer levels."',
        lang="en",
    )
    assert [(q[0], q[1]) for q in quotes(en)] == [("Anil Rao", "Bharat Business TV")] * 2


def test_paragraphs_of_quotes_after_a_colon_are_the_authors_and_heisst_es_in_dem_beitrag() -> None:
    rec = extract(
        "Corlin cuts 10%\n\nCorlin Software is laying off 90 employees, CEO Dana Lark told staff on Tuesday.\n\n"
        "Here are the key passages from Lark's memo:\n\n"
        "\u201cToday I have to share the hardest news I have delivered since we started Corlin.\u201d\n\n"
        "\u201cWe hired ahead of the growth we expected, and that growth has not come.\u201d\n\n"
        "Corlin competes with larger rivals.",
        lang="en",
    )
    speakers = {q["speaker"] for q in rec["quotes"]}
    assert speakers == {"Dana Lark"} and len(rec["quotes"]) == 2
    rec = extract(
        "Wohnfix baut ab\n\nWohnfix streicht 45 Stellen, wie Gründer Lukas Born in einem Blogbeitrag mitteilte."
        " \u201eWir haben zu schnell eingestellt, das war mein Fehler\u201c, heißt es in dem Beitrag.",
        lang="de",
    )
    assert [q["speaker"] for q in rec["quotes"]] == ["Lukas Born"]
