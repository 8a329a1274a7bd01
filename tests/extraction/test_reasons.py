"""Reasons stated in the ways news text states them: reported speech, orders and spending, utilisation."""

from __future__ import annotations

import pytest

from tests.extraction.helpers import extract

CASES = [
    (
        "Millbrook to close mill\n\nMillbrook Paper Co. will close its Ashford mill, cutting 210 jobs.\n\nThe town"
        " council met on Monday.\n\nThe union asked for talks.\n\nMillbrook cited a steep decline in demand for"
        " printed magazines, along with high wood and energy costs.",
        "en",
        {"demand", "cost", "energy_costs"},
    ),
    (
        "Kornbach schließt Filialen\n\nDie Kornbach Backwaren GmbH schließt 40 Filialen, 260 Stellen fallen weg."
        " Kornbach begründete die Schließungen mit stark gestiegenen Kosten für Energie, Mehl und Personal.",
        "de",
        {"cost", "energy_costs"},
    ),
    (
        "Pendle Mills to close\n\nPendle Mills will cut 210 jobs. Managing director Ann Roe blamed energy bills that had"
        " more than doubled, cheaper imports from Asia and weak orders from retailers.",
        "en",
        {"energy_costs", "competition", "demand"},
    ),
    (
        "Stackline cuts staff\n\nStackline is laying off 70 employees, its chief executive wrote on Monday.\n\n"
        '"I hired ahead of demand in 2022, and that was my mistake." She said revenue growth had slowed this year.',
        "en",
        {"overhiring", "financial_performance"},
    ),
    (
        "Fennig baut ab\n\nDie Fennig GmbH streicht 140 Stellen. Die schwache Auftragslage lasse dem Unternehmen"
        " keine Wahl, hinzu kämen hohe Energiekosten.",
        "de",
        {"demand", "energy_costs"},
    ),
    (
        "Corvid Tools cuts jobs\n\nCorvid Tools will cut 90 jobs. Orders from builders have fallen by a quarter, and the"
        " plant runs at 60 percent utilisation, the company said.",
        "en",
        {"demand", "overcapacity"},
    ),
    (
        "Ashgrove cuts staff\n\nAshgrove Software will lay off 75 employees. Chief executive Mia Tran said clients are"
        " reining in technology spending and that the company had hired ahead of the growth it expected.",
        "en",
        {"demand", "overhiring"},
    ),
    (
        "Talvik streicht Stellen\n\nTalvik will 300 Stellen streichen. Der Umsatz sei im ersten Halbjahr um 20 Prozent"
        " gesunken, zudem verschlechtere sich das Finanzierungsumfeld, sagte Finanzchef Ole Berg.",
        "de",
        {"financial_performance", "macroeconomic"},
    ),
    (
        "Brisach baut ab\n\nDie Brisach AG streicht 200 Stellen. Als Gründe nennt Brisach den starken Franken und"
        " die US-Zölle; zudem seien die Abrufe der Kunden eingebrochen.",
        "de",
        {"macroeconomic", "demand"},
    ),
    (
        "Corvel cuts jobs\n\nCorvel Insurance will cut 300 jobs. The company has blamed a slump in orders, higher"
        " electricity prices and growing regulatory reporting requirements.",
        "en",
        {"demand", "energy_costs", "regulation"},
    ),
]


@pytest.mark.parametrize(("text", "lang", "reasons"), CASES, ids=[c[0].split("\n")[0] for c in CASES])
def test_reasons_of_the_event(text: str, lang: str, reasons: set[str]) -> None:
    rec = extract(text, lang=lang)
    (e,) = rec["events"]
    assert reasons <= set(e["reasons"]), e["reasons"]


def test_reasons_of_an_analyst_or_a_question_are_not_the_firms() -> None:
    rec = extract(
        "Hollin cuts jobs\n\nHollin Foods will cut 200 jobs. Could weak demand be the reason?",
        lang="en",
    )
    (e,) = rec["events"]
    assert "demand" not in e["reasons"]


def test_a_lack_of_competitiveness_and_a_shrinking_market_are_reasons() -> None:
    rec = extract(
        "Lindquist schließt Werk\n\nDie Lindquist Papier GmbH streicht 280 Stellen. „Die Maschine ist nicht mehr"
        " wettbewerbsfähig, und der Markt für grafische Papiere schrumpft Jahr für Jahr“, sagte Geschäftsführerin"
        " Anna Dahl.",
        lang="de",
    )
    assert {"competition", "demand"} <= set(rec["events"][0]["reasons"])
