"""Phrasings found by the held-out articles: owners and units, name forms, outlets, figures and dates."""

from __future__ import annotations

import pytest

from tests.extraction.helpers import event_with, events_of, extract, names, org


def test_unit_alias_in_parentheses_with_possessive_owner() -> None:
    r = extract(
        "Kestrel Bank cuts jobs\n\nKestrel Bank will cut 2,000 jobs and move its data centres to"
        " Amazon Web Services (AWS), Amazon's cloud unit.",
        date="2026-02-12",
        lang="en",
    )
    aws = org(r, "Amazon Web Services")
    assert aws["parent"] == "Amazon" and "AWS" in aws["aliases"]
    assert org(r, "Kestrel Bank")["role_in_article"] == "subject"


def test_owner_from_gehoert_and_descriptor_words_are_not_names() -> None:
    r = extract(
        "Lindhoff streicht Stellen\n\nDie Drogeriekette Lindhoff baut mehr als 2.000 ihrer rund 16.500"
        " Arbeitsplätze ab. Lindhoff gehört seit 2022 mehrheitlich dem Finanzinvestor Carrow Partners.",
        date="2026-09-14",
        lang="de",
    )
    assert "Drogeriekette Lindhoff" not in names(r)
    assert org(r, "Lindhoff")["parent"] == "Carrow Partners"
    e = event_with(r, organization="Lindhoff", jobs_cut=2000)
    assert e["jobs_cut_approx"] and e["headcount_before"] == 16500


def test_short_form_joins_the_full_name() -> None:
    r = extract(
        "Vessler streicht Stellen\n\nDer Chemiekonzern Vessler Chemie will knapp 3000 Stellen streichen."
        " Vessler beschäftigt weltweit 21.500 Menschen.",
        date="2026-01-22",
        lang="de",
    )
    assert "Vessler" in org(r, "Vessler Chemie")["aliases"]
    assert event_with(r, organization="Vessler Chemie", jobs_cut=3000)["headcount_before"] == 21500


def test_a_unit_named_after_its_owner_stays_apart_and_is_a_subject() -> None:
    r = extract(
        "Halberg streicht Stellen\n\nDer Maschinenbauer Halberg will rund 1.400 Stellen abbauen. Bei der Tochter"
        " Halberg Hydraulik GmbH fallen allein 600 Arbeitsplätze weg.",
        date="2026-11-05",
        lang="de",
    )
    unit = org(r, "Halberg Hydraulik")
    assert unit["parent"] == "Halberg" and unit["role_in_article"] == "subject"
    assert event_with(r, organization="Halberg Hydraulik", jobs_cut=600)
    assert event_with(r, organization="Halberg", jobs_cut=1400)["jobs_cut_approx"]


def test_a_units_own_size_is_not_its_owners_headcount() -> None:
    r = extract(
        "Zentyx cuts jobs\n\nZentyx will rund 1.300 Stellen streichen. Auch die deutsche Tochter Zentyx Deutschland"
        " GmbH in München mit rund 400 Beschäftigten ist betroffen.",
        date="2026-04-02",
        lang="de",
    )
    assert org(r, "Zentyx Deutschland")["parent"] == "Zentyx"
    assert all(e["headcount_before"] != 400 for e in events_of(r, "Zentyx"))


def test_population_named_first_and_separable_verbs_across_numbers() -> None:
    r = extract(
        "Norrwerk baut ab\n\nDer Papierhersteller Norrwerk Papier streicht in Düren Stellen. Von den dort rund"
        " 1.800 Beschäftigten sollen 850 Stellen wegfallen.",
        date="2026-05-19",
        lang="de",
    )
    e = event_with(r, organization="Norrwerk Papier", jobs_cut=850)
    assert e["headcount_before"] == 1800


def test_month_of_a_past_announcement_resolves_backwards() -> None:
    r = extract(
        "Norrwerk baut ab\n\nNorrwerk Papier streicht 850 Stellen. Die Kallio Group hatte bereits im Oktober"
        " angekündigt, weltweit rund elftausend Stellen abzubauen.",
        date="2026-05-19",
        lang="de",
    )
    e = event_with(r, jobs_cut=11000)
    assert e["announced"] == "2025-10" and e["jobs_cut_approx"]


def test_dative_outlet_is_named_in_the_nominative_and_gets_the_quote() -> None:
    r = extract(
        "Lindhoff streicht Stellen\n\nDie Drogeriekette Lindhoff streicht 2.000 Stellen. Verhandlungsführer"
        " Oliver Brandl von Verdi sagte der Süddeutschen Zeitung, man werde „um jeden Arbeitsplatz kämpfen“.",
        date="2026-09-14",
        lang="de",
    )
    assert org(r, "Süddeutsche Zeitung")["role_in_article"] == "outlet"
    (q,) = r["quotes"]
    assert q["speaker"] == "Oliver Brandl" and q["outlet"] == "Süddeutsche Zeitung"
    assert "Oliver Brandl" in names(r, "people")


def test_breadcrumb_is_not_the_title() -> None:
    from firmgraph.graph.sources import read_bytes

    page = (
        "SITE NAME\nHome | News | Business\n\nBusiness / Industry\n\nTessellate to shut studio, cut 450 jobs\n\n"
        "July 8, 2026\n\nTessellate Interactive will close a studio and cut about 450 jobs, the company said on"
        " Tuesday in a blog post.\n"
    )
    doc = read_bytes(page.encode(), "t.txt", "text/plain")
    assert doc.title == "Tessellate to shut studio, cut 450 jobs"


def test_a_stock_exchange_named_beside_the_firm_is_never_the_one_that_cuts() -> None:
    r = extract(
        "Lenzmatt streicht Stellen\n\nDie Lenzmatt AG streicht bis zu 200 Stellen. Das an der SIX Swiss Exchange"
        " kotierte Unternehmen teilte am Mittwoch mit, rund 150 der Stellen entfielen auf die Montage.",
        date="2025-02-13",
        lang="de",
    )
    assert {e["organization"] for e in r["events"]} == {"Lenzmatt"}


@pytest.mark.parametrize(
    ("text", "lang", "firm", "jobs"),
    [
        (
            "Tessing files WARN notice\n\nTessing Analytics has notified the state that it will lay off 120 employees"
            " at its offices, according to a notice posted on Thursday.",
            "en",
            "Tessing Analytics",
            120,
        ),
        (
            "Foundry trims jobs\n\nAustrian foundry Kohlbach Castings will cut 90 jobs at its plant, the company said.",
            "en",
            "Kohlbach Castings",
            90,
        ),
        (
            "Lassnig meldet Kündigungen an\n\nDie Lassnig Metallwerke GmbH hat 60 ihrer 400 Beschäftigten beim AMS zur"
            " Kündigung angemeldet.",
            "de",
            "Lassnig Metallwerke",
            60,
        ),
        (
            "Sparkurs erreicht Deutschland\n\nDer Sparkurs des US-Softwarekonzerns Brixton Analytics erreicht Deutschland:"
            " Brixton Analytics will 40 Stellen in München streichen.",
            "de",
            "Brixton Analytics",
            40,
        ),
    ],
)
def test_firms_named_by_an_industry_word_or_a_genitive_descriptor(
    text: str, lang: str, firm: str, jobs: int
) -> None:
    r = extract(text, lang=lang)
    assert firm in names(r), names(r)
    assert event_with(r, organization=firm, jobs_cut=jobs)
