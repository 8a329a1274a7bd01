"""Role titles (German, English) to the labels the records use, and people named with them."""

from __future__ import annotations

import pytest

from firmgraph.graph.extraction.rules.lexicon import role_label

from .helpers import extract


@pytest.mark.parametrize(
    ("text", "label"),
    [("Konzernchef", "CEO"), ("Konzernchefin", "CEO"), ("Vorstandsvorsitzender", "CEO"), ("Amazon-Chef", "CEO"),
     ("CEO", "CEO"), ("chief executive", "CEO"), ("Chief Executive Officer", "CEO"), ("Geschäftsführerin", "CEO"),
     ("Co-CEO", "Co-CEO"), ("Markenchef", "Brand CEO"), ("Finanzvorständin", "CFO"), ("chief financial officer", "CFO"),
     ("Vizepräsidentin für Personalwesen", "VP Human Resources"), ("Siemens-Personalvorständin", "HR Board Member"),
     ("senior vice president of people experience and technology", "VP Human Resources"), ("head of HR", "VP Human Resources"),
     ("Unternehmenssprecherin", "Spokesperson"), ("spokeswoman", "Spokesperson"), ("Konzernsprecher", "Spokesperson"),
     ("Betriebsratschefin", "Works Council Chair"), ("Gesamtbetriebsratsvorsitzende", "Works Council Chair"),
     ("Aufsichtsratschef", "Chair"), ("chairman", "Chair"), ("Verhandlungsführer", "Chief Negotiator"),
     ("Mitgründer", "Co-founder"), ("Großaktionär", "Owner/Investor"), ("Analystin", "Analyst")],
)  # fmt: skip
def test_role_labels(text: str, label: str) -> None:
    assert role_label(text) == label


def test_unknown_titles_have_no_label() -> None:
    assert role_label("Bäckermeister") is None


def people(record: dict) -> dict[str, tuple[str | None, str | None, str | None]]:
    return {p["name"]: (p["role"], p["role_text"], p["organization"]) for p in record["people"]}


def test_german_role_before_and_after_the_name() -> None:
    rec = extract(
        "Siemens streicht Stellen\n\nDer Technologiekonzern Siemens will 5.000 Stellen abbauen. Siemens-Chef Roland Busch "
        "sagte am Mittwoch, man müsse handeln. Judith Wiese, Personalvorständin des Konzerns, erklärte die Pläne. "
        "Unternehmenssprecherin Anna Berg bestätigte die Zahl.",
        lang="de",
    )
    assert people(rec) == {
        "Roland Busch": ("CEO", "Siemens-Chef", "Siemens"),
        "Judith Wiese": ("HR Board Member", "Personalvorständin", "Siemens"),
        "Anna Berg": ("Spokesperson", "Unternehmenssprecherin", "Siemens"),
    }


def test_english_roles_with_possessives_and_appositions() -> None:
    rec = extract(
        "Acme Corp. to cut 300 jobs\n\nAcme Corp. will cut 300 jobs, the company said. Acme CEO Jane Miller wrote in a memo "
        'that the cuts were needed. "We have to adapt," said Tom Baker, a spokesman for Acme. Salesforce\'s chief executive '
        "Marc Benioff said his company was hiring.",
        lang="en",
    )
    got = people(rec)
    assert got["Jane Miller"] == ("CEO", "CEO", "Acme")
    assert got["Tom Baker"][0] == "Spokesperson" and got["Tom Baker"][2] == "Acme"
    assert got["Marc Benioff"][0] == "CEO" and got["Marc Benioff"][2] == "Salesforce"


def test_works_council_chair_belongs_to_the_company_not_the_union() -> None:
    rec = extract(
        "Bosch baut ab\n\nBosch will 3.000 Stellen streichen. Die IG Metall protestierte. „Das ist ein Fehler“, sagte "
        "Betriebsratschef Frank Sell.",
        lang="de",
    )
    assert people(rec)["Frank Sell"] == ("Works Council Chair", "Betriebsratschef", "Bosch")


def test_capitalised_nouns_after_a_name_are_not_part_of_it() -> None:
    rec = extract(
        "VW plant Abbau\n\nDer Vorstandsvorsitzende Oliver Blume Stellen zu streichen, hieß es.", lang="de"
    )
    assert "Oliver Blume" in people(rec)


@pytest.mark.parametrize(
    ("text", "label"),
    [("Erster Bevollmächtigter", "Head"), ("Erste Bevollmächtigte", "Head"), ("Partnerin", "Partner"),
     ("a partner", "Partner"), ("president", "President"), ("Präsidentin", "President"),
     ("vice president", "Head"), ("Finance director", "CFO"), ("chief medical officer", "Chief Medical Officer"),
     ("Leiterin Unternehmenskommunikation", "Spokesperson"), ("head of communications", "Spokesperson"),
     ("national officer", "Union official")],
)  # fmt: skip
def test_more_role_labels(text: str, label: str) -> None:
    assert role_label(text) == label


def test_family_firm_founders_titles_and_the_firm_a_role_names() -> None:
    rec = extract(
        "Brückner Antriebstechnik streicht 200 Stellen\n\nDie Brückner Antriebstechnik baut 200 Stellen ab. "
        "Geschäftsführer Paul Brückner informierte die Belegschaft. Geschäftsführerin Dr. Eva Lenz erklärte die Pläne. "
        "„Das ist falsch“, sagte Ute Kern, Erste Bevollmächtigte der IG Metall Kassel. „Gut so“, sagt Jan Roth, "
        "Partnerin bei der Beratung Kessel & Partner.",
        lang="de",
    )
    got = people(rec)
    assert got["Paul Brückner"][0] == "CEO" and got["Paul Brückner"][2] == "Brückner Antriebstechnik"
    assert got["Eva Lenz"][0] == "CEO"
    assert got["Ute Kern"][0] == "Head" and got["Ute Kern"][2] == "IG Metall"
    assert got["Jan Roth"][0] == "Partner" and got["Jan Roth"][2] == "Kessel & Partner"
    assert "Brückner Antriebstechnik" in {o["name"] for o in rec["organizations"]}


def test_english_role_links_name_the_persons_own_firm() -> None:
    rec = extract(
        "Acme Widgets to cut 300 jobs\n\nAcme Widgets will cut 300 jobs, the company said. "
        '"Demand is weak," said Mia Cole, head of industrial research at Harwick & Lowe. '
        '"We will fight this," said Sam Ortiz, chief negotiator for the Metal Trades Alliance. '
        'Lena Park, a partner at Northgate Ventures who sits on the board, wrote: "We back the team."',
        lang="en",
    )
    expected = {
        "Mia Cole": ("Head", "Harwick & Lowe"),
        "Sam Ortiz": ("Chief Negotiator", "Metal Trades Alliance"),
        "Lena Park": ("Partner", "Northgate Ventures"),
    }
    assert {n: (r, o) for n, (r, _, o) in people(rec).items() if n in expected} == expected


@pytest.mark.parametrize(
    ("text", "lang", "spokesperson"),
    [
        ("Acme Widgets to cut 300 jobs\n\nAcme Widgets will cut 300 jobs. The cuts will cost $20 million, Chief "
         'Financial Officer Tom Reed said. "Demand has fallen," Chief Executive Jane Miller told analysts about the cuts.',
         "en", "Jane Miller"),
        ("Nordbank streicht 450 Stellen\n\nDie Nordbank AG streicht 450 Stellen, wie die Bank mitteilte. "
         "Vorstandschef Paul Lenz begründete den Schritt mit dem Kostendruck. „Wir machen jedem ein Angebot“, sagte "
         "Personalvorständin Eva Roth zu den Betroffenen.", "de", "Paul Lenz"),
    ],
)  # fmt: skip
def test_the_chief_executive_speaks_for_the_cut(text: str, lang: str, spokesperson: str) -> None:
    events = extract(text, lang=lang)["events"]
    assert [e["spokesperson"] for e in events if e["jobs_cut"]] == [spokesperson]


def test_capitalised_role_words_long_org_links_and_firms_that_speak() -> None:
    en = people(
        extract(
            "Hadley Home to close 14 stores\n\nHadley Home will close 14 stores. Finance director Tom Reed told analysts "
            '"we had no choice". "The workers pay for it," said Kate Brink, head of IG Metall\'s district in Bavaria. '
            "On April 3, Pellham Precision Tooling said it would lay off 52 workers.",
            lang="en",
        )
    )
    assert en["Tom Reed"][0] == "CFO" and en["Kate Brink"][0] == "Head" and en["Kate Brink"][2] == "IG Metall"
    assert "Pellham Precision Tooling" not in en
    de = people(
        extract(
            "Mietwerk streicht 45 Stellen\n\nDas Start-up Mietwerk streicht 45 Stellen. Geschäftsführer Frank Ott "
            "verwies auf die Konkurrenz durch Händler wie Shein. Mehrere Betroffene sagten, die Entscheidung sei "
            "überraschend gekommen. „Jetzt wird die Rechnung präsentiert“, sagt Carla Wend, Partnerin beim Berliner "
            "Wagniskapitalgeber Spreefeld Capital.",
            lang="de",
        )
    )
    assert de["Carla Wend"][0] == "Partner" and de["Carla Wend"][2] == "Spreefeld Capital"
    assert de["Frank Ott"][2] == "Mietwerk" and not any(n.startswith("Mehrere") for n in de)


def test_possessives_are_not_part_of_names_and_role_nouns_speak() -> None:
    rec = extract(
        "Acme Widgets to cut 300 jobs\n\nAcme Widgets CEO Jane Marlow's plan calls for 300 cuts. Acme employs 6,000 "
        'people. "This is painful," the company\'s chief executive wrote in a memo.',
        lang="en",
    )
    assert [p["name"] for p in rec["people"]] == ["Jane Marlow"]
    assert [(q["speaker"], q["text"]) for q in rec["quotes"]] == [("Jane Marlow", "This is painful,")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Brenlow streicht 300 Stellen\n\nDie Brenlow AG streicht 300 Stellen. „Das ist nötig“, sagte der "
         "Vorstandsvorsitzende der Brenlow, Paul Lenz, am Donnerstag. Die Finanzchefin des Konzerns, Dr. Eva Roth, "
         "nannte Kosten von 20 Millionen Euro.", "de",
         {"Paul Lenz": ("CEO", "Brenlow"), "Eva Roth": ("CFO", "Brenlow")}),
        ("Acme Widgets to cut 300 jobs\n\nAcme Widgets will cut 300 jobs. The chief executive of Acme Widgets, Jane "
         "Miller, said the cuts were needed.", "en", {"Jane Miller": ("CEO", "Acme Widgets")}),
        # the union's officer; a field between role and firm; the press contact at the foot of the page
        ("Hadley Home to close 14 stores\n\nHadley Home will close 14 stores. The Northern Shopworkers Union "
         'criticised the plan. "This is a hammer blow," said Gary Powe, the union\'s national officer.', "en",
         {"Gary Powe": ("Union official", "Northern Shopworkers Union")}),
        ("Brenlow streicht 400 Stellen\n\nDie Brenlow AG streicht 400 Stellen, wie das Unternehmen am Dienstag "
         "mitteilte. „Die Beschäftigten zahlen die Zeche“, sagte Silke Zahn, Landesfachbereichsleiterin Handel "
         "bei Verdi in Hessen. Betroffen ist vor allem die Verwaltung in Kassel, wie der Konzern erklärte.\n\n"
         "Pressekontakt: Lena Hof, Leiterin Unternehmenskommunikation, Brenlow AG", "de",
         {"Silke Zahn": ("Head", "Verdi"), "Lena Hof": ("Spokesperson", "Brenlow")}),
    ],
)  # fmt: skip
def test_role_of_the_firm_then_the_name_in_apposition(text: str, lang: str, expected: dict) -> None:
    assert {n: (r, o) for n, (r, _, o) in people(extract(text, lang=lang)).items()} == expected


def test_the_firm_after_a_person_and_councils_of_their_own() -> None:
    record = extract(
        'Corvane cuts jobs\n\nCorvane Logistics Inc. will lay off 520 workers. "It hurts," said Tom Reardon,'
        " president of the Southeast Memphis Business Council. Analyst Florian Wendt vom Bankhaus Merzbach"
        " hält das für überfällig.",
        lang="en",
    )
    people = {p["name"]: p["organization"] for p in record["people"]}
    assert people == {
        "Tom Reardon": "Southeast Memphis Business Council",
        "Florian Wendt": "Bankhaus Merzbach",
    }
