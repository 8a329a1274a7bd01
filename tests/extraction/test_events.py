"""Events: one per stated figure, for the right company, with type, dates, reasons and channel."""

from __future__ import annotations

import pytest

from .helpers import event_with, events_of, extract, only_event, org


def test_new_past_and_cumulative_cuts_are_separate_events() -> None:
    rec = extract(
        "Amazon streicht erneut\n\nAmazon streicht weltweit weitere 16.000 Arbeitsplätze. Innerhalb von drei Monaten hat der "
        "Konzern damit rund 30.000 Menschen entlassen – etwa zehn Prozent der gesamten Belegschaft. Bereits im Oktober "
        "hatte Amazon 14.000 Stellen gestrichen.",
        date="2026-01-30",
        lang="de",
    )
    new = event_with(rec, jobs_cut=16000)
    total = event_with(rec, jobs_cut=30000)
    past = event_with(rec, jobs_cut=14000)
    assert new["workforce_share_percent"] is None and new["jobs_cut_approx"] is False
    assert total["workforce_share_percent"] == 10 and total["jobs_cut_approx"] is True
    assert past["announced"] == "2025-10" and new["announced"] is None
    assert {e["type"] for e in rec["events"]} == {"layoff"}


def test_competitor_named_in_passing_gets_no_event_but_its_own_figure_does() -> None:
    rec = extract(
        "Pinterest opfert Jobs\n\nPinterest will bis zu 750 Stellen streichen. Unternehmen wie Snap und Reddit setzen "
        "ebenfalls auf KI. Amazon verkündete jüngst den Abbau von 16.000 Positionen.",
        lang="de",
    )
    assert events_of(rec, "Snap") == [] and events_of(rec, "Reddit") == []
    assert [e["jobs_cut"] for e in events_of(rec, "Amazon")] == [16000]
    assert [e["jobs_cut"] for e in events_of(rec, "Pinterest")] == [750]


def test_headcount_from_to_share_cost_and_deadline() -> None:
    rec = extract(
        "Pinterest baut um\n\nEin Fünfzehntel der Belegschaft muss gehen. Pinterest meldet den Abbau bei der "
        "US-Börsenaufsicht an. Rund 750 der etwa 5000 Vollzeitkräfte werden bis Ende September 2026 ihre Arbeitsplätze "
        "verlieren. Die Kosten für diese Maßnahme beziffert das Unternehmen auf 35 bis 45 Millionen Dollar.",
        date="2026-02-02",
        lang="de",
    )
    (e,) = rec["events"]
    assert (e["jobs_cut"], e["jobs_cut_approx"], e["headcount_before"]) == (750, True, 5000)
    assert e["workforce_share_percent"] == 6.67
    assert (e["cost_min"], e["cost_max"], e["currency"]) == (35e6, 45e6, "USD")
    assert e["effective_by"] == "2026-09-30"
    assert e["announced_via"] == "sec_filing"
    assert rec["filings"][0]["organization"] == "Pinterest" and rec["filings"][0]["regulator"] == "SEC"


def test_reduction_to_a_target_and_a_past_reduction() -> None:
    rec = extract(
        "Klarna plant Stellenabbau durch KI\n\nKlarna hat angekündigt, fast die Hälfte seiner Belegschaft abzubauen. In den "
        "letzten zwölf Monaten hat Klarna seine Mitarbeiterzahl bereits von 5.000 auf 3.800 reduziert. Jetzt plant das "
        "Unternehmen, diese Zahl weiter auf 2.000 zu senken. Die Reduzierung soll durch natürliche Fluktuation erreicht werden.",
        lang="de",
    )
    plan = event_with(rec, headcount_target=2000)
    past = event_with(rec, headcount_after=3800)
    assert plan["workforce_share_percent"] == 50 and plan["headcount_before"] == 3800
    assert plan["type"] == "attrition_reduction" and plan["jobs_cut"] is None
    assert past["headcount_before"] == 5000 and past["type"] is None


def test_part_of_a_cut_is_a_sub_event_and_a_share_of_it_is_no_workforce_share() -> None:
    rec = extract(
        "BASF spart\n\nBASF streicht 2.600 Stellen, davon 700 in Ludwigshafen. Knapp zwei Drittel davon entfallen auf "
        "Deutschland.",
        lang="de",
    )
    whole = event_with(rec, jobs_cut=2600)
    part = event_with(rec, jobs_cut=700)
    assert part["part_of"] == whole["id"]
    assert all(e["workforce_share_percent"] is None for e in rec["events"])


def test_types_from_methods() -> None:
    def type_of(sentence: str) -> str | None:
        (e,) = extract(f"Acme\n\n{sentence}", lang="en" if " the " in sentence else "de")["events"]
        return e["type"]

    assert (
        type_of("Acme streicht 500 Stellen, betriebsbedingte Kündigungen sind ausgeschlossen.")
        == "attrition_reduction"
    )
    assert (
        type_of("Acme will cut 500 jobs through attrition and early retirement, the company said.")
        == "attrition_reduction"
    )
    assert type_of("Acme will close two plants and cut 500 jobs, the company said.") == "restructuring_plan"
    assert type_of("Acme entlässt 500 Mitarbeiter.") == "layoff"
    assert type_of("Acme hat seine Belegschaft von 900 auf 800 reduziert.") is None


def test_hiring_freeze_without_figures() -> None:
    rec = extract(
        "Lufthansa verhängt Einstellungsstopp\n\nDie Lufthansa stoppt die Einstellung neuer Mitarbeiter. Frei werdende "
        "Stellen sollen nicht nachbesetzt werden, teilte Personalvorstand Michael Niggemann in einem Schreiben an die "
        "Belegschaft mit.",
        lang="de",
    )
    (e,) = rec["events"]
    assert (e["organization"], e["type"], e["announced_via"], e["spokesperson"]) == (
        "Lufthansa", "hiring_freeze", "memo", "Michael Niggemann",
    )  # fmt: skip


def test_reasons_skip_negated_speculative_and_earlier_ones() -> None:
    rec = extract(
        "Acme streicht Stellen\n\nAcme streicht 1.000 Stellen wegen der schwachen Nachfrage. Die Kürzungen seien nicht "
        "KI-bedingt. Der Abbau könnte Teil einer größeren Strategie sein. Acme verkündete den Abbau und hatte ähnliche "
        "Schritte zuvor mit Automatisierung begründet. Grund seien auch die hohen Energiekosten.",
        lang="de",
    )
    (e,) = rec["events"]
    assert set(e["reasons"]) == {"demand", "energy_costs"}


def test_english_announcement_date_channel_and_spokesperson() -> None:
    rec = extract(
        "Intel to lay off 15% of staff\n\nIntel said on Thursday it will lay off more than 15% of its staff, after weak "
        'revenue and losses. "Our revenues have not grown as expected," CEO Pat Gelsinger wrote in a memo to employees. '
        "The chipmaker, which had about 125,000 employees at the end of last year, expects to finish the cuts by the end "
        "of 2024.",
        date="2024-08-01",
        lang="en",
    )
    (e,) = rec["events"]
    assert (e["workforce_share_percent"], e["jobs_cut_approx"], e["headcount_before"]) == (15, False, 125000)
    assert (e["announced"], e["effective_by"]) == ("2024-08-01", "2024-12-31")
    assert (e["announced_via"], e["spokesperson"]) == ("memo", "Pat Gelsinger")
    assert set(e["reasons"]) == {"financial_performance"}


def test_units_affected() -> None:
    rec = extract(
        "Amazon\n\nAmazon streicht 16.000 Stellen. Betroffen sind die Cloud-Sparte Amazon Web Services, der Einzelhandel "
        "und die Personalabteilung. Amazon Web Services ist eine Tochter von Amazon.",
        lang="de",
    )
    (e,) = rec["events"]
    assert set(e["units_affected"]) == {"Amazon Web Services", "Einzelhandel", "Personalabteilung"}


def test_savings_and_investments_are_not_costs() -> None:
    rec = extract(
        "Acme\n\nAcme will cut 2,000 jobs to save $500 million a year. It plans to invest $2 billion in AI. The layoffs "
        "will cost about $150 million in severance.",
        lang="en",
    )
    (e,) = rec["events"]
    assert (e["cost_min"], e["cost_max"], e["currency"]) == (150e6, 150e6, "USD")


def test_soft_methods_offered_where_possible_do_not_make_an_attrition_programme() -> None:
    rec = extract(
        "Brenkamp baut ab\n\nBrenkamp will 400 Stellen abbauen. Wo möglich, sollen die Stellen über Altersteilzeit"
        " abgebaut werden.",
        lang="de",
    )
    (e,) = rec["events"]
    assert e["type"] == "layoff" and "partial_retirement" in e["methods"]
    rec = extract(
        "Corlan cuts jobs\n\nCorlan will cut 300 jobs. Attrition eased to 11% from 14% last quarter.",
        lang="en",
    )
    (e,) = rec["events"]
    assert e["type"] == "layoff"


def test_a_programmes_total_is_the_programme_and_a_sum_over_months_is_an_aggregate() -> None:
    rec = extract(
        "Korvell streicht Stellen\n\nKorvell schließt sein Werk in Aue. Insgesamt sollen bis Ende 2027 rund 570"
        " Stellen wegfallen.",
        lang="de",
    )
    (e,) = rec["events"]
    assert e["jobs_cut"] == 570 and not e.get("aggregate_of")
    rec = extract(
        "Tamsin cuts again\n\nTamsin will cut 400 jobs. In March it had cut 300 jobs. Within six months the company"
        " has cut some 700 jobs.",
        date="2026-06-10",
        lang="en",
    )
    total = event_with(rec, jobs_cut=700)
    assert total.get("aggregate_of")


def test_a_fall_to_a_target_headcount_is_not_a_cut_and_keeps_its_davon_part() -> None:
    rec = extract(
        "Ostwald kündigt zweite Abbauwelle an\n\nDie Ostwald Kunststoffe SE streicht weitere rund 1.200 Stellen. Die"
        " Belegschaft soll bis 2028 von derzeit 6.400 auf etwa 5.200 Beschäftigte sinken, davon rund 400 durch die"
        " Schließung des Werks in Hof. Vorstandschef Jan Mertens begründete den neuen Einschnitt mit der schwachen"
        " Nachfrage.",
        lang="de",
    )
    assert not [e for e in rec["events"] if e["jobs_cut"] == 5200]
    main = event_with(rec, jobs_cut=1200)
    assert (main["headcount_before"], main["headcount_target"]) == (6400, 5200)
    assert "demand" in main["reasons"]
    assert event_with(rec, jobs_cut=400)["part_of"]


def test_a_revised_figure_replaces_the_one_it_revises_and_a_workforce_of_n_is_the_headcount() -> None:
    rec = extract(
        "Pellwitz lagert aus – 190 statt 260 Stellen fallen weg\n\nDie Pellwitz Logistik GmbH streicht 190 seiner rund"
        " 2.900 Arbeitsplätze, alle in der Verwaltung.",
        lang="de",
    )
    (e,) = rec["events"]
    assert (e["jobs_cut"], e["headcount_before"]) == (190, 2900)
    assert "Logistik" not in e["units_affected"] and "Verwaltung" in e["units_affected"]
    rec = extract(
        "Corwen cuts again\n\nCorwen Medical will cut 450 jobs, about 5% of its global workforce of roughly 9,000, in"
        " its second round of cuts this year, the company said on Tuesday.",
        date="2026-10-21",
        lang="en",
    )
    (e,) = rec["events"]
    assert (e["headcount_before"], e["announced"]) == (9000, "2026-10-20")


def test_a_hiring_freeze_beside_a_layoff_is_an_event_of_its_own_and_an_earlier_dated_cut_a_past_one() -> None:
    rec = extract(
        "Brackwell cuts jobs\n\nBrackwell Robotics will lay off 64 employees at its headquarters. Brackwell has also"
        " paused most hiring, a spokeswoman said. In March, the company eliminated about 40 positions.",
        date="2024-06-14",
        lang="en",
    )
    types = sorted(e["type"] or "" for e in rec["events"] if e["organization"] == "Brackwell Robotics")
    assert types == ["hiring_freeze", "layoff", "layoff"], rec["events"]
    earlier = event_with(rec, jobs_cut=40)
    assert earlier["announced"] == "2024-03"
    rec = extract(
        "Kelmar spart\n\nDie Kelmar Bank baut 450 Stellen über Altersteilzeit und natürliche Fluktuation ab. Zudem gilt"
        " ein Einstellungsstopp.",
        lang="de",
    )
    (e,) = rec["events"]
    assert e["type"] == "attrition_reduction" and "hiring_freeze" in e["methods"]


@pytest.mark.parametrize(
    ("sentence", "channel"),
    [
        ("Die Betroffenen wurden am Montag per E-Mail informiert.", "memo"),
        ("Founder Ravi Lund disclosed the cuts in a LinkedIn post on Monday.", "blog_post"),
        ("In a statement to The Ledger, chief executive Mia Holt confirmed the cuts.", "media_statement"),
        (
            "Das Unternehmen hat am Mittwoch per Communiqué mitgeteilt, dass es die Stellen streicht.",
            "press_release",
        ),
    ],
)
def test_channels_of_the_announcement(sentence: str, channel: str) -> None:
    rec = extract(f"Tarvik cuts jobs\n\nTarvik Systems will cut 120 jobs. {sentence}", lang=None)
    (e,) = rec["events"]
    assert e["announced_via"] == channel


def test_restructuring_charges_far_from_the_cut_are_its_cost() -> None:
    rec = extract(
        "Brenfeld cuts jobs\n\nBrenfeld Automotive will cut around 900 jobs in Germany.\n\nThe company makes axle"
        " modules.\n\nIt competes with larger rivals.\n\nBrenfeld expects restructuring charges of about €120 million"
        " over the next three years.",
        lang="en",
    )
    (e,) = rec["events"]
    assert (e["cost_min"], e["cost_max"], e["currency"]) == (120_000_000, 120_000_000, "EUR")


def test_the_original_figure_of_a_revised_programme_dates_it_and_is_no_event_of_its_own() -> None:
    rec = extract(
        "Einigung bei Solberg\n\nBeim Chemieunternehmen Solberg Spezialchemie GmbH fallen bis Ende 2026 insgesamt 190"
        " Arbeitsplätze weg. Ursprünglich hatte die Geschäftsführung im Juni den Abbau von 260 Stellen angekündigt.",
        date="2023-11-09",
        lang="de",
    )
    (e,) = rec["events"]
    assert (e["jobs_cut"], e["announced"], e["headcount_before"]) == (190, "2023-06", None)
    rec = extract(
        "Diese Unternehmen bauen 2025 Stellen ab\n\nDie Rohland AG streicht 1.200 Stellen.",
        date="2025-07-02",
        lang="de",
    )
    assert [e["jobs_cut"] for e in rec["events"]] == [1200]


def test_a_restated_share_is_the_cut_and_the_earlier_figure_dates_the_programme() -> None:
    rec = extract(
        "Querlin streicht mehr Stellen\n\nDer Softwareanbieter Querlin baut stärker Personal ab als bekannt. In einer"
        " Mitteilung spricht das Unternehmen nun von rund zehn Prozent der Belegschaft, das entspricht etwa 410"
        " Stellen. Am 5. Mai hatte Querlin noch einen Abbau von acht Prozent angekündigt. Ob auch die rund 60"
        " Beschäftigten der Münchner Niederlassung betroffen sind, ist offen.",
        date="2025-05-15",
        lang="de",
    )
    (e,) = rec["events"]
    assert (e["jobs_cut"], e["workforce_share_percent"], e["announced"]) == (410, 10, "2025-05-05")


def test_a_cut_stated_for_a_country_has_that_countrys_staff_as_its_headcount() -> None:
    rec = extract(
        "Brenfeld cuts jobs\n\nBrenfeld Automotive will cut around 1,900 jobs in Germany by 2028. The maker employs"
        " about 14,000 people worldwide, 6,500 of them in Germany.",
        lang="en",
    )
    (e,) = rec["events"]
    assert (e["jobs_cut"], e["headcount_before"]) == (1900, 6500)
    rec = extract(
        "Brenfeld cuts jobs\n\nBrenfeld Automotive will cut around 1,900 jobs. The maker employs about 14,000 people"
        " worldwide, 6,500 of them in Germany.",
        lang="en",
    )
    (e,) = rec["events"]
    assert e["headcount_before"] == 14000  # a company-wide cut: the whole company


def test_soft_methods_under_negotiation_do_not_make_an_attrition_programme() -> None:
    e = only_event(
        "Sternau streicht Stellen\n\nSternau will 145 Stellen abbauen. Im Gespräch sind Abfindungen und Altersteilzeit"
        " für ältere Beschäftigte.",
        lang="de",
    )
    assert e["type"] == "layoff"


def test_roles_at_risk_are_the_cut_and_closing_branches_makes_it_a_programme() -> None:
    e = only_event(
        "Ashby to close branches\n\nAshby Building Society said on Tuesday it would close 38 of its 92 branches,"
        " putting around 290 roles at risk.",
        date="2026-01-13",
        lang="en",
    )
    assert (e["organization"], e["jobs_cut"], e["type"]) == (
        "Ashby Building Society",
        290,
        "restructuring_plan",
    )
    rec = extract(
        "Mill closure\n\nThe company said its pension fund was at risk of a deficit of 40 million.", lang="en"
    )
    assert rec["events"] == []


def test_a_closing_date_in_a_sentence_without_figures_and_a_decision_taken_today() -> None:
    e = only_event(
        "Pendle Mills to close\n\nPendle Mills plans to close its Todmorden mill, putting up to 210 jobs at risk."
        " It expects the mill to close by the end of September.",
        date="2025-03-27",
        lang="en",
    )
    assert e["effective_by"] == "2025-09-30"
    e = only_event(
        "Haldor beschließt Programm\n\nAd-hoc-Mitteilung nach Art. 17 MAR\n\nDer Vorstand der Haldor AG hat heute das"
        " Restrukturierungsprogramm „Fokus 2028“ beschlossen. Weltweit sollen rund 1.100 Stellen abgebaut werden.",
        date="2025-11-04",
        lang="de",
    )
    assert (e["announced"], e["announced_via"], e["type"]) == (
        "2025-11-04",
        "press_release",
        "restructuring_plan",
    )


def test_a_spokesman_who_said_it_in_an_email_sent_no_memo_and_a_spared_site_in_a_relative_clause() -> None:
    e = only_event(
        "Redstone to close plant\n\nRedstone Medical Devices Inc. will close its plant in Plymouth and lay off 138"
        " workers, spokesman Grant Eberly said in an email. Workers could apply for positions at its research and"
        " development center in Maple Grove, which is not affected by the cuts.",
        lang="en",
    )
    assert e["announced_via"] is None and e["spokesperson"] == "Grant Eberly"
    assert not any("research" in u for u in e["units_affected"])


def test_a_part_stated_after_its_figure_belongs_to_the_cut_of_its_sentence() -> None:
    rec = extract(
        "Haldor schließt Werk\n\nHaldor schließt das Werk in Eislingen mit 310 Beschäftigten. Bis Ende 2027 sollen"
        " konzernweit rund 1.100 Stellen wegfallen, rund 700 davon in Deutschland.",
        date="2025-11-05",
        lang="de",
    )
    whole = event_with(rec, jobs_cut=1100)
    part = event_with(rec, jobs_cut=700)
    assert part["part_of"] == whole["id"]


def test_the_programmes_total_cost_replaces_a_quarters_charge_and_widened_cuts_are_no_headcount() -> None:
    e = only_event(
        "Haldor widens job cuts to 1,300\n\nHaldor AG now expects to cut about 1,300 jobs, up from the 1,100 it"
        " announced in November. The company booked 104 million euros of restructuring charges in the fourth"
        " quarter. Haldor said the programme would now cost 120 million to 135 million euros in total.",
        date="2026-02-18",
        lang="en",
    )
    assert (e["jobs_cut"], e.get("headcount_after")) == (1300, None)
    assert (e["cost_min"], e["cost_max"]) == (120e6, 135e6)


def test_where_a_part_falls_is_the_parts_and_the_wholes() -> None:
    rec = extract(
        "Haldor baut ab\n\nBis Ende 2027 sollen bei der Haldor AG konzernweit rund 1.100 Stellen wegfallen, rund 700"
        " davon in Deutschland.",
        date="2025-11-05",
        lang="de",
    )
    whole, part = event_with(rec, jobs_cut=1100), event_with(rec, jobs_cut=700)
    assert part["units_affected"] == ["Deutschland"] and "Deutschland" in whole["units_affected"]


def test_a_chain_closing_stores_and_a_firm_named_after_a_dateline() -> None:
    e = only_event(
        "Brenner macht Häuser dicht\n\nKassel. Die Warenhauskette Kaufhaus Brenner schließt neun ihrer 31 Häuser."
        " Zwischen 400 und 500 Beschäftigte verlieren dadurch ihren Arbeitsplatz.",
        date="2025-09-02",
        lang="de",
    )
    assert (e["organization"], e["jobs_cut"], e["jobs_cut_approx"], e["type"]) == (
        "Kaufhaus Brenner",
        500,
        True,
        "restructuring_plan",
    )
    e = only_event(
        "Dunmore to close plant\n\nCRESTHAVEN, Ohio - Dunmore Axle & Driveline will close its plant here,"
        " eliminating nearly 2,000 jobs. Dunmore expects charges of $62 million. Dunmore's other plants stay open.",
        lang="en",
    )
    assert e["organization"] == "Dunmore Axle & Driveline"


def test_an_earlier_dated_hiring_freeze_is_an_event_of_its_own() -> None:
    rec = extract(
        "Lindqvist schließt Werk\n\nDie Lindqvist Papier GmbH streicht 280 Stellen. Schon im März hatte das"
        " Unternehmen wegen der hohen Gaspreise einen Einstellungsstopp in der Verwaltung verhängt.",
        date="2025-10-22",
        lang="de",
    )
    freeze = event_with(rec, type="hiring_freeze")
    assert (freeze["announced"], freeze["jobs_cut"]) == ("2025-03", None)
    assert event_with(rec, jobs_cut=280)["previous_event_ref"] == freeze["id"]


def test_a_cut_stated_for_a_country_after_the_total_is_its_part_and_a_named_unit_has_its_parent() -> None:
    rec = extract(
        "Sternau baut ab\n\nDie Sternau Pharma AG will bis 2027 rund 1.500 Stellen abbauen. In Deutschland fallen"
        " knapp 900 Stellen weg, vor allem im Vertrieb. 180 Stellen entfallen auf die US-Tochter Sternau"
        " Therapeutics Inc. in Cambridge.",
        date="2026-03-04",
        lang="de",
    )
    whole = event_with(rec, jobs_cut=1500)
    germany = event_with(rec, jobs_cut=900)
    assert germany["part_of"] == whole["id"] and "Deutschland" in germany["units_affected"]
    assert org(rec, "Sternau Therapeutics")["parent"] == "Sternau Pharma"


def test_a_freeze_imposed_earlier_and_lifted_now_is_the_earlier_freeze_and_losing_positions_is_a_cut() -> (
    None
):
    rec = extract(
        "Falkenrode baut ab\n\nDie Falkenrode Versicherungsgruppe will rund 700 Stellen abbauen. Der im Februar"
        " 2024 verhängte Einstellungsstopp im Innendienst wird zum 1. Juli aufgehoben.",
        date="2025-06-12",
        lang="de",
    )
    assert event_with(rec, type="hiring_freeze")["announced"] == "2024-02"
    rec = extract(
        "Brackwede scales back cuts\n\nBrackwede Pumpenwerke GmbH will cut 950 jobs. Its subsidiary, Brackwede"
        " Hydraulik GmbH, will still lose around 180 positions.",
        lang="en",
    )
    assert event_with(rec, jobs_cut=180)["organization"] == "Brackwede Hydraulik"


def test_a_subsidiarys_own_cut_beside_the_programme_is_part_of_it_unless_said_apart() -> None:
    rec = extract(
        "Brackwede baut ab\n\nDie Brackwede Pumpenwerke AG streicht rund 1.100 Stellen. Analyst Florian Reckmann"
        " vom Bankhaus Tellgert hält das für überfällig. Von dem Abbau entfallen rund 180 Stellen auf die"
        " Tochtergesellschaft Brackwede Hydraulik GmbH in Gütersloh.",
        lang="de",
    )
    assert org(rec, "Brackwede Hydraulik")["parent"] == "Brackwede Pumpenwerke"
    assert event_with(rec, jobs_cut=180)["part_of"] == event_with(rec, jobs_cut=1100)["id"]
    rec = extract(
        "Meridian streicht\n\nDie Meridian AG streicht 1.800 Stellen. Unabhängig von dem Programm streicht die"
        " Online-Tochter Meridian Direkt 150 ihrer rund 600 Stellen.",
        lang="de",
    )
    assert "part_of" not in event_with(rec, jobs_cut=150)
