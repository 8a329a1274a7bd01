"""Where cuts fall: lists after a cue, a country a figure is stated for, and phrases that are not units."""

from __future__ import annotations

import pytest

from tests.extraction.helpers import extract

CASES = [
    (
        "Halvor baut ab\n\nDie Halvor AG streicht weltweit rund 1.100 Stellen. Etwa 650 der wegfallenden Stellen"
        " entfallen auf Deutschland. Betroffen sind vor allem die Montage und der Einkauf.",
        "de",
        {"Deutschland", "Montage", "Einkauf"},
    ),
    (
        "Corvane to close campus\n\nCorvane Logistics Inc. will close its distribution campus in southeast Memphis"
        " and lay off 520 workers.",
        "en",
        {"distribution campus in southeast Memphis"},
    ),
    (
        "Merlan streicht Stellen\n\nDie Merlan AG streicht 1.800 Stellen. Betroffen sind vor allem die"
        " Schadenbearbeitung, der Vertriebsinnendienst und die IT.",
        "de",
        {"Schadenbearbeitung", "Vertriebsinnendienst", "IT"},
    ),
    (
        "Ferncrest cuts staff\n\nFerncrest is laying off 70 employees. The cuts hit marketing, customer success and"
        " parts of the platform engineering team.",
        "en",
        {"marketing", "customer success", "platform engineering"},
    ),
    (
        "Brosch AG streicht Stellen\n\nDie Brosch AG streicht 300 Stellen. Betroffen sind vor allem Einkauf, Logistik"
        " und Qualitätssicherung.",
        "de",
        {"Einkauf", "Logistik", "Qualitätssicherung"},
    ),
    (
        "Tamber Corp cuts jobs\n\nTamber Corp will cut 450 jobs. Most of the cuts fall on finance, procurement and"
        " facilities management, the company said.",
        "en",
        {"finance", "procurement", "facilities management"},
    ),
    (
        "Vorland to cut jobs\n\nVorland SE will cut about 800 jobs in France by 2027.",
        "en",
        {"France"},
    ),
    (
        "Ostrava Glas baut ab\n\nOstrava Glas will 120 Stellen abbauen. Rund 90 der Stellen entfallen auf Österreich.",
        "de",
        {"Österreich"},
    ),
    (
        "Pellmore lays off staff\n\nPellmore Inc. laid off 200 employees, mostly in its publishing and marketing teams.",
        "en",
        {"publishing", "marketing"},
    ),
    (
        "Tavik trims staff\n\nTavik Systems will lay off 300 people, mostly in its hardware engineering and customer"
        " support teams.",
        "en",
        {"hardware engineering", "customer support"},
    ),
    (
        "Tessing trims staff\n\nTessing Networks will lay off 1,050 employees. Hardware engineering, customer support"
        " and the company's campus in Raleigh are most affected.",
        "en",
        {"Hardware engineering", "customer support", "campus in Raleigh"},
    ),
    (
        "Elmwald to cut jobs\n\nElmwald Insurance will cut 720 jobs and close four of its regional offices, in"
        " Kassel, Würzburg, Osnabrück and Trier.",
        "en",
        {"Kassel", "Würzburg", "Osnabrück", "Trier"},
    ),
    (
        "Grauwald meldet Abbau\n\nDie Grauwald GmbH hat 120 ihrer 900 Beschäftigten in Bad Ischl zur Kündigung"
        " angemeldet.",
        "de",
        {"Bad Ischl"},
    ),
]


@pytest.mark.parametrize(("text", "lang", "units"), CASES, ids=[c[0].split("\n")[0] for c in CASES])
def test_units_of_the_event(text: str, lang: str, units: set[str]) -> None:
    rec = extract(text, lang=lang)
    found = {u for e in rec["events"] for u in e["units_affected"]}
    assert units <= found, found


NOT_UNITS = [
    (
        "Hexley cuts jobs\n\nHexley will cut 300 jobs. It expects charges of $40 million, mostly in the fourth quarter,"
        " for severance.",
        "en",
        {"fourth quarter", "the fourth quarter", "severance", "for severance"},
    ),
    (
        "Kerrow cuts jobs\n\nKerrow will cut 200 jobs in March, the company said.",
        "en",
        {"March"},
    ),
    (
        "Dunmore cuts jobs\n\nDunmore will cut 500 jobs. Affected employees in the U.S. will receive severance.",
        "en",
        {"U.S.", "US"},
    ),
    (
        "Kaltner baut ab\n\nKaltner streicht 250 Stellen. Das Werk in Graz ist von dem Abbau nicht betroffen.",
        "de",
        {"Werk in Graz", "Graz"},
    ),
    (
        "Riedl baut ab\n\nRiedl streicht 90 Stellen. „Wir treffen diese Entscheidung nicht leichtfertig“, sagte der Chef.",
        "de",
        {"diese Entscheidung nicht leichtfertig", "diese Entscheidung"},
    ),
]


@pytest.mark.parametrize(("text", "lang", "wrong"), NOT_UNITS, ids=[c[0].split("\n")[0] for c in NOT_UNITS])
def test_phrases_that_are_not_units(text: str, lang: str, wrong: set[str]) -> None:
    rec = extract(text, lang=lang)
    found = {u for e in rec["events"] for u in e["units_affected"]}
    assert rec["events"] and not (found & wrong), found


def test_reasons_said_by_an_executive_without_a_cue_word() -> None:
    rec = extract(
        "Marlow Axles to cut jobs\n\nMarlow Axles will cut 600 jobs in Germany. Chief executive Ida Brenn said weak"
        " demand and high energy costs had left the company with no choice.",
        lang="en",
    )
    (e,) = rec["events"]
    assert {"demand", "energy_costs"} <= set(e["reasons"])


def test_units_a_sentence_excludes_are_not_affected() -> None:
    rec = extract(
        "Norbury cuts jobs\n\nNorbury Retail will cut 700 corporate jobs, mostly in marketing and finance, but the"
        " cuts will not impact employees in stores.",
        lang="en",
    )
    (e,) = rec["events"]
    assert {"marketing", "finance"} <= set(e["units_affected"]) and "stores" not in e["units_affected"]


def test_an_earlier_cut_keeps_its_year_unit_and_reason() -> None:
    rec = extract(
        "Sollner streicht Stellen\n\nWeiden, 23. Oktober 2025. Die Sollner GmbH streicht 310 Stellen. Bereits 2023 hatte"
        " Sollner 60 Stellen in der Verwaltung gestrichen. In May 2022, the company laid off 40 employees in an"
        " earlier cost-cutting drive.",
        date="2025-10-23",
        lang="de",
    )
    earlier = next(e for e in rec["events"] if e["jobs_cut"] == 60)
    assert (earlier["announced"], earlier["units_affected"]) == ("2023", ["Verwaltung"])
    oldest = next(e for e in rec["events"] if e["jobs_cut"] == 40)
    assert oldest["announced"] == "2022-05"
    current = next(e for e in rec["events"] if e["jobs_cut"] == 310)
    assert current.get("announced") is None
