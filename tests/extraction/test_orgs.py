"""Organisations: known names, appositions, compounds, lists, outlets, regulators, owners."""

from __future__ import annotations

import pytest

from firmgraph.graph.extraction.rules.orgs import find_orgs

from .helpers import extract, names, org


def found(text: str) -> dict[str, tuple[str, str | None]]:
    return {o.name: (o.kind, o.parent) for o in find_orgs(text).orgs.values() if o.mentions}


def test_unknown_firms_from_appositions_legal_forms_and_compounds() -> None:
    got = found(
        "Der Autozulieferer Webasto streicht Stellen. Die Kettler Werke GmbH meldet Insolvenz an. "
        "Acme Widgets Inc. said it would cut jobs. Swedish payments company Klarna said. Der Brenner-Chef sagte."
    )
    assert {"Webasto", "Kettler Werke", "Acme Widgets", "Klarna", "Brenner"} <= set(got)


def test_common_nouns_are_not_firms() -> None:
    got = found(
        "Für das Jahr 2026 plant der Konzern Investitionsausgaben von 125 Milliarden Dollar. Die Cloud-Sparte wächst. "
        "Die US-Mitarbeiter erhalten 90 Tage Zeit. Der Konzern Entlassungen plant."
    )
    assert set(got) == set()


def test_lists_of_competitors_are_organisations() -> None:
    assert {"Nvidia", "Microsoft", "Zalando"} <= set(
        found("Unternehmen wie Nvidia, Microsoft und Zalando investieren.")
    )
    assert {"Google", "Meta"} <= set(found("Rivals such as Google and Meta have trimmed staff."))


def test_outlets_and_regulators() -> None:
    got = found(
        "Sie erklärte gegenüber dem Technikportal The Verge, dass. Wie das Handelsblatt berichtet, plant Bosch Abbau. "
        "He told Reuters. It filed with the Securities and Exchange Commission. Die Mitteilung an die US-Börsenaufsicht."
        " gegenüber dem Branchendienst Automobilwoche sagte er."
    )
    assert got["The Verge"][0] == "outlet"
    assert got["Handelsblatt"][0] == "outlet"
    assert got["Reuters"][0] == "outlet"
    assert got["Automobilwoche"][0] == "outlet"
    assert got["SEC"][0] == "regulator"


def test_owners_of_units_and_brands() -> None:
    got = found(
        "Die Amazon-Tochter Twitch entlässt 400 Mitarbeiter. Instagram-Mutter Meta plant Kürzungen. "
        "Audi, a unit of Volkswagen, said. Die Cloud-Sparte Amazon Web Services wächst."
    )
    assert got["Twitch"] == ("company", "Amazon")
    assert got["Instagram"] == ("company", "Meta")
    assert got["Audi"] == ("company", "Volkswagen")
    assert got["Amazon Web Services"] == ("company", "Amazon")
    assert got["Meta"][1] is None


def test_known_parent_only_when_the_parent_is_named() -> None:
    assert found("YouTube streicht Stellen.")["YouTube"] == ("company", None)
    assert found("YouTube und Alphabet streichen Stellen.")["YouTube"] == ("company", "Alphabet")


def test_aliases_legal_forms_and_parenthesised_short_names() -> None:
    idx = find_orgs(
        "BASF SE will sparen. BASF streicht. Die Europäische Zentralbank (EZB) warnt. Acme Holdings (ACM) fällt."
    )
    basf = idx.orgs["basf"]
    assert basf.name == "BASF" and "BASF SE" in basf.aliases


def test_publisher_and_people_are_not_organisations() -> None:
    rec = extract(
        "Pinterest streicht Stellen\n\nPinterest will 750 Stellen streichen, sagte Sprecherin Tessa Chen dem Handelsblatt.",
        lang="de",
        publisher="Handelsblatt",
    )
    assert names(rec) == {"Pinterest"}


def test_subject_is_the_company_the_article_is_about() -> None:
    rec = extract(
        "Salesforce to cut 1,000 jobs\n\nSalesforce will eliminate about 1,000 roles, the company said on Tuesday. "
        "Rivals such as Microsoft and Google have also trimmed staff. Microsoft cut 6,000 jobs in May.",
        date="2025-03-04",
        lang="en",
    )
    assert org(rec, "Salesforce")["role_in_article"] == "subject"
    assert org(rec, "Microsoft")["role_in_article"] == "mentioned"
    assert org(rec, "Google")["role_in_article"] == "mentioned"


def test_place_and_kind_in_front_of_a_name_are_not_part_of_it() -> None:
    got = found(
        "Der Hamburger Versicherer Nordstern Versicherung AG baut ab. Der Kölner Wagniskapitalgeber Brückfeld Capital "
        "investiert, Brückfeld Capital hält 20 Prozent. Die Dresdner Muttergesellschaft Elbmark AG äußerte sich nicht. "
        "Pune-based Sarvana Infotech Ltd will cut jobs. Norway's Fjellvik ASA said it would cut 200 jobs."
    )
    assert {"Nordstern Versicherung", "Brückfeld Capital", "Elbmark", "Sarvana Infotech", "Fjellvik"} <= set(
        got
    )
    assert not any(n.split()[0] in {"Hamburger", "Kölner", "Dresdner", "Pune-based", "Norway's"} for n in got)


def test_a_firm_name_ending_in_land_is_not_a_common_noun() -> None:
    assert "Oderland Bank" in found(
        "Die Oderland Bank AG schließt Filialen. Die Oderland Bank streicht 300 Stellen."
    )


def test_competitors_named_with_compete_and_konkurrieren() -> None:
    assert {"Fennick", "Dorsal Data"} <= set(
        found("Tarrow competes with Fennick and Dorsal Data in data integration.")
    )
    assert {"Hollmann Schleiftechnik", "Kessra"} <= set(
        found("Das Unternehmen konkurriert unter anderem mit Hollmann Schleiftechnik und Kessra.")
    )
    assert {"Brenzer", "Talvik"} <= set(
        found("Es konkurriert mit größeren Anbietern wie Brenzer oder Talvik.")
    )


def test_kind_words_with_place_adjectives_and_english_trade_words() -> None:
    got = found(
        "Der Hamburger Konkurrent Avenko Care hatte Stellen gestrichen. Ihr Wettbewerber Dellmann Polster baut ein Werk. "
        "A tally by Cologne-based consultancy Marrow & Partner counted 27,000 cuts. The shares are listed on the Nasdaq."
    )
    assert {"Avenko Care", "Dellmann Polster", "Marrow & Partner", "Nasdaq"} <= set(got)


def test_section_labels_currency_and_the_publisher_cut_short_are_not_firms() -> None:
    rec = extract(
        "Brunhold streicht 230 Stellen\n\nMode & Textil\n\nDie Brunhold AG streicht 230 Stellen. Der Umsatz sank auf "
        '488 Millionen Franken. A spokesperson told Alpenland Wire that the figure was "final and complete".',
        lang="de",
        publisher="Alpenland Wire Europe",
    )
    assert names(rec) == {"Brunhold"}


def test_owner_of_the_company_named_by_an_anaphor() -> None:
    got = found(
        "Die Talberg Spezialchemie GmbH streicht 190 Stellen. Talberg hatte lange verhandelt. "
        "Das Unternehmen gehört zum niederländischen Chemiekonzern Veldhoven."
    )
    assert got["Talberg Spezialchemie"] == ("company", "Veldhoven")


def test_an_acronym_and_the_full_name_are_one_firm() -> None:
    en = extract(
        "TPS to cut 2,000 jobs\n\nTPS will cut 2,000 jobs this year. Atlanta-based Trans Parcel Shipping said the cuts "
        "would save $1 billion. TPS employs 49,000 people.",
        lang="en",
    )
    assert [(o["name"], o["aliases"]) for o in en["organizations"]] == [("Trans Parcel Shipping", ["TPS"])]
    assert en["people"] == [] and {e["organization"] for e in en["events"]} == {"Trans Parcel Shipping"}
    de = found(
        "Die Hanseatische Kreditbank streicht Stellen. Die HKB beschäftigt 6.300 Menschen. Die VCI warnt."
    )
    assert "HKB" not in de and "Hanseatische Kreditbank" in de


def test_the_firm_and_its_named_unit_share_a_first_word() -> None:
    got = found(
        "Die Modekette Velmar schließt Filialen. Wie die Velmar Modehaus GmbH mitteilte, fallen 540 Stellen weg. "
        "Auch die Online-Tochter Velmar Digital GmbH muss sparen. Velmar beschäftigt 3.000 Menschen."
    )
    assert "Velmar" not in got and got["Velmar Digital"][1] == "Velmar Modehaus"


def test_a_platform_named_as_the_medium_and_a_union_are_not_subjects() -> None:
    rec = extract(
        "Tarvo cuts 38 jobs in LinkedIn post\n\nTarvo has laid off 38 people, founder Ravi Lal disclosed in a LinkedIn "
        "post. Founders increasingly use LinkedIn to announce layoffs. The Metal Trades Union said it would cut "
        "20 of its own jobs too.",
        lang="en",
    )
    assert {o["name"]: o["role_in_article"] for o in rec["organizations"]}["LinkedIn"] == "mentioned"
    assert "Metal Trades Union" not in {
        o["name"] for o in rec["organizations"] if o["role_in_article"] == "subject"
    }


def test_an_analyst_whose_name_looks_like_a_firm_is_a_person() -> None:
    rec = extract(
        "Orvik Air to cut 1,500 jobs\n\nOrvik Air will cut 1,500 jobs. Jefferson Pike, an airline analyst at "
        "Redmond & Shaw Securities, said the cost looked reasonable.",
        lang="en",
    )
    assert [(p["name"], p["role"], p["organization"]) for p in rec["people"]] == [
        ("Jefferson Pike", "Analyst", "Redmond & Shaw Securities")
    ]
    assert "Jefferson Pike" not in names(rec)


def test_a_place_before_a_plural_cut_noun_is_not_a_firm() -> None:
    rec = extract(
        "Halmer files WARN notice for Austin and San Marcos layoffs\n\nHalmer Analytics will lay off 214 employees at"
        " its campus in Austin and 37 at a center in San Marcos.",
        lang="en",
    )
    assert "San Marcos" not in {o["name"] for o in rec["organizations"]}


def test_where_a_firm_is_from_is_not_part_of_its_name() -> None:
    got = found(
        "San Francisco-based Quorvia Inc. is laying off 430 employees. Quorvia said the cuts were final. "
        "Die Hamburger Köhlbrand Logistik GmbH baut 90 Stellen ab. Köhlbrand Logistik beschäftigt 600 Menschen."
    )
    assert {"Quorvia", "Köhlbrand Logistik"} <= set(got)
    assert not any(name.startswith(("San Francisco", "Hamburger")) for name in got)


def test_a_sentence_adverb_is_not_a_firm() -> None:
    record = extract(
        "Bellmont Foods Inc. will cut 850 jobs.\n\n"
        "Separately, the company will close its snack plant in Decatur, affecting about 310 jobs."
    )
    assert "Separately" not in names(record)
    assert {e["organization"] for e in record["events"]} == {"Bellmont Foods"}


def test_rivals_unions_quoted_outlets_and_agencies_named_once() -> None:
    got = found(
        "Fernstack cut 70 jobs. Rival Codewisp laid off 15% of its staff in August. The GMB union said it would"
        " fight the closure. In Berlin fallen 40 Stellen weg, wie Chefin Katharina Vos dem „Tagesspiegel“ sagte."
        " Der kommunale Klinikverbund Auental Kliniken gGmbH zieht die Notbremse. The company notified"
        " California's Employment Development Department of the layoffs."
    )
    assert got["Codewisp"][0] == "company"
    assert got["GMB"][0] == "union"
    assert got["Tagesspiegel"][0] == "outlet"
    assert "Auental Kliniken" in got and "Klinikverbund Auental Kliniken" not in got
    assert got["California Employment Development Department"][0] == "regulator"


def test_a_firms_shorter_names_fold_into_its_fullest_one() -> None:
    record = extract(
        "Redstone Medical to close plant\n\nRedstone Medical Devices Inc. will lay off 138 workers. Redstone, a"
        " subsidiary of Halvorsen Health Technologies, will move production to Mexico, spokesman Grant Eberly said."
        " Redstone Medical said severance would be paid.",
        lang="en",
    )
    firm = org(record, "Redstone Medical Devices")
    assert {"Redstone", "Redstone Medical"} <= set(firm["aliases"]) and firm["parent"]
    assert {p["organization"] for p in record["people"]} == {"Redstone Medical Devices"}


def test_houses_employers_of_analysts_and_union_locals() -> None:
    record = extract(
        "Halvor streicht Stellen\n\nDie Halvor AG streicht 1.100 Stellen."
        " Analyst Florian Wendt vom Bankhaus Merzbach hält das für überfällig. „Das ist spät“, sagte Mira Okonkwo"
        " von Ravensberg Research. Kaltenbach-Chefin Jana Wolters schwieg.",
        lang="de",
    )
    assert {"Bankhaus Merzbach", "Ravensberg Research"} <= names(record)
    assert "Kaltenbach-Chefin" not in names(record)
    assert "Mira Okonkwo" in names(record, "people")
    got = found(
        'Most of them are members of United Auto Workers Local 1188. "We will fight," said Jim Halverson,'
        " president of UAW Local 1188. The UAW said it would challenge the move."
    )
    assert got["United Auto Workers Local 1188"][0] == "union" and "UAW Local 1188" not in got


@pytest.mark.parametrize(
    ("text", "lang", "firm", "short"),
    [
        # a house firm is named without its kind too
        ("Warenhauskette Brennecke macht Häuser dicht\n\nDie Warenhauskette Kaufhaus Brennecke schließt neun ihrer"
         " 31 Häuser. Brennecke beschäftigt rund 3.400 Menschen. Die Varga Retail Holding will die übrigen Häuser"
         " übernehmen.", "de", "Kaufhaus Brennecke", "Brennecke"),
        # the firm's arm is no fuller name of the firm
        ("Brackmoor to close branches\n\nBrackmoor Building Society will close 46 branches, putting up to 380 roles"
         " at risk. Brackmoor said it hoped to avoid compulsory redundancies. Its mortgage arm, Brackmoor Home"
         " Finance, is not affected.", "en", "Brackmoor Building Society", "Brackmoor"),
    ],
)  # fmt: skip
def test_a_firms_short_name_is_its_alias(text: str, lang: str, firm: str, short: str) -> None:
    record = extract(text, lang=lang)
    assert short in org(record, firm)["aliases"] and org(record, firm)["role_in_article"] == "subject"
    assert {e["organization"] for e in record["events"]} == {firm}


def test_firms_after_german_kind_words_named_once() -> None:
    got = found(
        "Die Hausbank Westsachsenbank hat die Kreditlinie verlängert. Begleitet wird der Umbau von der"
        " Unternehmensberatung Castell & Oberg. Die Konkurrentin Nordmark Sparbank hatte bereits angekündigt,"
        " Stellen abzubauen. Mit dem Vermieter Aurum Immobilien gab es keine Einigung."
    )
    assert {"Westsachsenbank", "Castell & Oberg", "Nordmark Sparbank", "Aurum Immobilien"} <= set(got)
    assert "Vermieter Aurum Immobilien" not in got


def test_a_group_named_by_its_kind_of_group() -> None:
    got = found(
        "HANNOVER (Nordwest-Wirtschaftsdienst) - Die Falkenrode Versicherungsgruppe will bis Ende 2028 rund 700"
        " Stellen abbauen. Die Konkurrentin Nordmark Sparbank hatte bereits im Herbst Stellen gestrichen."
    )
    assert {"Falkenrode Versicherungsgruppe", "Nordmark Sparbank"} <= set(got)
    assert "Kornbach Backwaren" in found("Die Großbäckerei Kornbach Backwaren schließt 60 Filialen.")
