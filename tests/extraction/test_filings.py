"""Regulatory filings: the agency a notice went to, the form (8-K, WARN), in both languages."""

from __future__ import annotations

import pytest

from .helpers import extract


def filings(text: str, lang: str) -> set[tuple[str, str | None, str | None]]:
    return {(f["organization"], f["regulator"], f["form"]) for f in extract(text, lang=lang)["filings"]}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a WARN notice to a state agency named with its remit; a later mention without the agency merges into it
        ("Talvik Logistics to cut 184 jobs\n\nTalvik Logistics LLC told the Ohio Department of Job and Family Services "
         "in a WARN notice that 184 jobs will be cut. It is the second WARN notice in the area this month.", "en",
         {("Talvik Logistics", "Ohio Department of Job and Family Services", "WARN")}),
        # German: a form in a compound, a WARN-Mitteilung to a state labour office
        ("Brenlow streicht 410 Stellen\n\nIn einer 8-K-Mitteilung an die US-Börsenaufsicht SEC nennt die Brenlow Inc. "
         "410 Stellen. Wie aus einer WARN-Mitteilung an die Arbeitsbehörde des Bundesstaats Washington hervorgeht, "
         "streicht Brenlow 126 Stellen.", "de",
         {("Brenlow", "SEC", "8-K"), ("Brenlow", "Arbeitsbehörde des Bundesstaats Washington", "WARN")}),
        # Austria: the AMS early-warning system
        ("Pramberg baut ab\n\nBeim Linzer Anlagenbauer Pramberg Engineering verlieren 85 Beschäftigte ihren Job; die "
         "Kündigungen hat das Unternehmen beim Frühwarnsystem des Arbeitsmarktservice (AMS) angemeldet.", "de",
         {("Pramberg Engineering", "AMS", None)}),
    ],
)  # fmt: skip
def test_filings_with_agency_and_form(
    text: str, lang: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert filings(text, lang) == expected


def test_a_stock_exchange_beside_the_form_does_not_file() -> None:
    text = (
        "Norvik to cut 40% of staff\n\nNorvik Therapeutics, Inc. (Nasdaq: NRVK) will cut 40% of its workforce, "
        "the company said in an 8-K filed with the Securities and Exchange Commission."
    )
    assert filings(text, "en") == {("Norvik Therapeutics", "SEC", "8-K")}
