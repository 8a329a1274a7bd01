"""Readers: plain text and HTML to clean documents; bad input is refused with the right error."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from firmgraph.graph.errors import (
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    UnsupportedInputError,
)
from firmgraph.graph.sources import iter_documents, read_bytes, read_path
from firmgraph.graph.sources.language import detect_language

HTML = """<!DOCTYPE html><html lang="de"><head><title>Siemens streicht Stellen | Beispielblatt</title>
<meta property="og:site_name" content="Beispielblatt"><meta name="date" content="2026-03-04">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/wirtschaft">Wirtschaft</a></li><li><a href="/politik">Politik</a></li></ul></nav>
<div class="cookie-banner">Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten. <button>Alle akzeptieren</button></div>
<article><h1>Siemens streicht 5.000 Stellen</h1><p class="meta">4. März 2026 · 3 Minuten Lesezeit</p>
<p>Der Technologiekonzern Siemens will weltweit rund 5.000 Stellen abbauen. Das teilte das Unternehmen am Mittwoch in
München mit, nachdem der Aufsichtsrat zugestimmt hatte.</p>
<p>Betroffen ist vor allem die Automatisierungssparte. „Wir müssen wettbewerbsfähig bleiben“, sagte Vorstandschef Roland
Busch bei einer Telefonkonferenz mit Journalisten.</p>
<div class="newsletter"><p>Newsletter abonnieren: Jetzt kostenlos anmelden und nichts verpassen</p></div>
<p>Lesen Sie auch: Bosch baut 5.500 Stellen ab</p>
<div class="share">Teilen Facebook Twitter E-Mail</div>
</article><aside><h3>Meistgelesen</h3><ul><li>Volkswagen schließt Werk in Osnabrück</li></ul></aside>
<footer>© 2026 Beispielblatt · Impressum · Datenschutz</footer></body></html>"""

PLAIN = """Startseite
Wirtschaft
Politik
Wirtschaftsblatt Nord
04.03.2026
Siemens streicht 5.000 Stellen
Wir verwenden Cookies. Alle akzeptieren
3 Minuten Lesezeit
Der Technologiekonzern Siemens will weltweit rund 5.000 Stellen abbauen. Das teilte das Unternehmen am Mittwoch mit.

Betroffen ist vor allem die Automatisierungssparte, in der weltweit mehrere Tausend Menschen arbeiten.
Teilen
Newsletter
Melden Sie sich für unseren kostenlosen Newsletter an.
Lesen Sie auch
Bosch baut 5.500 Stellen ab
Weiter
Volkswagen schließt Werk in Osnabrück
"""


def test_html_main_text_and_metadata_without_page_furniture() -> None:
    data = HTML.encode()
    doc = read_bytes(data, "page.html", "text/html")
    assert doc.title == "Siemens streicht 5.000 Stellen"
    assert (doc.date, doc.language, doc.publisher, doc.media_type) == (
        "2026-03-04",
        "de",
        "Beispielblatt",
        "text/html",
    )
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.text.startswith("Siemens streicht 5.000 Stellen\n")
    assert "rund 5.000 Stellen abbauen" in doc.text and "Roland" in doc.text
    for noise in ("Cookies", "akzeptieren", "Newsletter", "Lesezeit", "Lesen Sie auch", "Bosch", "Volkswagen", "Teilen",
                  "Impressum", "Home"):  # fmt: skip
        assert noise not in doc.text, noise


def test_html_is_sniffed_when_no_media_type_is_given() -> None:
    assert read_bytes(HTML.encode(), "-").media_type == "text/html"


def test_plain_text_header_and_noise_lines() -> None:
    doc = read_bytes(PLAIN.encode(), "page.txt", "text/plain")
    assert (doc.title, doc.date, doc.publisher, doc.language) == (
        "Siemens streicht 5.000 Stellen", "2026-03-04", "Wirtschaftsblatt Nord", "de",
    )  # fmt: skip
    assert doc.text.splitlines()[0] == "Siemens streicht 5.000 Stellen"
    assert "Automatisierungssparte" in doc.text
    for noise in (
        "Startseite",
        "Cookies",
        "Lesezeit",
        "Teilen",
        "Newsletter",
        "Bosch",
        "Volkswagen",
        "Weiter",
    ):
        assert noise not in doc.text, noise


def test_english_date_line_and_language() -> None:
    text = "Intel to cut 15% of staff\nFebruary 2, 2026\nIntel said on Thursday it will lay off more than 15% of its staff, as part of a plan to cut costs.\n"
    doc = read_bytes(text.encode(), "a.txt", "text/plain")
    assert (doc.title, doc.date, doc.language) == ("Intel to cut 15% of staff", "2026-02-02", "en")


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Der Konzern will die Stellen bis 2030 abbauen, sagte der Chef.", "de"),
     ("The company said it will cut the jobs by the end of the year.", "en"), ("12345", None)],
)  # fmt: skip
def test_language_by_stopwords(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_read_path_and_folder_walk(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Titel einer Meldung\n\nDer Konzern will die Stellen abbauen, sagte er.", "utf-8"
    )
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.html").write_text(HTML, "utf-8")
    (sub / "ignored.json").write_text("{}", "utf-8")
    docs = list(iter_documents([tmp_path]))
    assert [Path(d.source).name for d in docs] == ["a.txt", "b.html"]
    assert read_path(tmp_path / "a.txt").title == "Titel einer Meldung"


def test_text_that_is_not_utf8_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Überschrift der Meldung\n\nDer Konzern streicht Stellen für die Zukunft, sagte er.".encode("cp1252")
    )
    with pytest.raises(MalformedInputError, match=r"not UTF-8 text .* iconv"):
        read_path(path)


@pytest.mark.parametrize(
    ("data", "error"),
    [(b"", EmptyInputError), (b"  \n\t\n", EmptyInputError), (b"PK\x03\x04\x00\x00binary", UnsupportedInputError),
     (bytes(range(1, 32)) * 40, UnsupportedInputError)],
)  # fmt: skip
def test_empty_and_binary_input_is_refused(tmp_path: Path, data: bytes, error: type[InputError]) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(error) as info:
        read_path(path)
    assert info.value.path == str(path)


def test_oversized_input_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Ein Satz mit Worten.\n" * 100)
    with pytest.raises(InputTooLargeError):
        read_path(path, max_bytes=1000)
    with pytest.raises(InputTooLargeError):
        read_bytes(path.read_bytes(), "big.txt", max_bytes=1000)


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.7")
    with pytest.raises(UnsupportedInputError):
        read_path(tmp_path / "x.pdf")
    with pytest.raises(InputError):
        read_path(tmp_path / "missing.txt")


def test_html_without_text_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyInputError):
        read_bytes(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "x.html", "text/html")


def test_folder_walk_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "Titel einer Meldung\n\nDer Konzern streicht Stellen, sagte er.", "utf-8"
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    errors: list[InputError] = []
    docs = list(iter_documents([tmp_path], on_error=errors.append))
    assert [Path(d.source).name for d in docs] == ["good.txt"]
    assert [type(e) for e in errors] == [EmptyInputError]
    with pytest.raises(EmptyInputError):
        list(iter_documents([tmp_path]))


_BODY_DE = (
    "Der Hersteller will bis Ende 2027 rund 400 Stellen abbauen, wie das Unternehmen am Dienstag mitteilte."
)
_BODY_EN = "The company said on Tuesday it would cut about 400 jobs, or roughly 7% of its workforce, by the end of 2027."


@pytest.mark.parametrize(
    ("page", "publisher"),
    [
        # a one-word masthead right under the title, then a section/date line
        (
            f"Hersteller streicht 400 Stellen\n\nTagesbote\nWirtschaft · 18.03.2026 · Von Anna Berg\n\n{_BODY_DE}\n",
            "Tagesbote",
        ),
        # page furniture between title and masthead; the tagline after a dash is not the name
        (
            f"Hersteller streicht 400 Stellen\nWir verwenden Cookies. Alle akzeptieren\nFABRIKWELT – Das Magazin\n"
            f"Home | Technik | Abo\n{_BODY_DE}\n",
            "FABRIKWELT",
        ),
        # the masthead line wins over the copyright footer of the publishing house
        (
            f"Maker to cut 400 jobs\n\nCircuit Ledger\nBy Mia Lane | May 6, 2025 | 4 min read\n\n{_BODY_EN}\n\n"
            "About · Privacy · © 2025 Circuit Ledger Media\n",
            "Circuit Ledger",
        ),
        # a site name above the title, followed by its menu
        (
            f"Werkstattpost\nHome | Industrie | Karriere\n\nHersteller streicht 400 Stellen\n\n12.03.2026\n{_BODY_DE}\n",
            "Werkstattpost",
        ),
        # an advert above the title is not a masthead; a section label under the title is not one either
        (
            f"Kostenlose Beratung\n+49 7930-2699\nHersteller streicht 400 Stellen\n\nWirtschaft\n{_BODY_DE}\n",
            None,
        ),
        # a byline under the title is not the publisher
        (f"Maker to cut 400 jobs\n\nBy Mia Lane\nMay 6, 2025\n\n{_BODY_EN}\n", None),
    ],
)
def test_publisher_from_the_masthead(page: str, publisher: str | None) -> None:
    assert read_bytes(page.encode(), "page.txt", "text/plain").publisher == publisher


@pytest.mark.parametrize(
    ("page", "title", "date"),
    [
        # scraped without line breaks: the headline runs into the body, which repeats its subject
        ("Brenlow Widgets to cut 300 jobs as demand slows Brenlow Widgets Inc. said on Tuesday it would cut about 300 "
         "jobs, or 5% of its workforce, as demand slowed. The company expects charges of $20 million.",
         "Brenlow Widgets to cut 300 jobs as demand slows", None),
        # a subscription teaser above the headline is page furniture
        ("Ending Soon! Save 33% on your subscription\nBrenlow Widgets to cut 300 jobs\nMarch 3, 2026\n" + _BODY_EN + "\n",
         "Brenlow Widgets to cut 300 jobs", "2026-03-03"),
        ("Jetzt 50 % sparen: 3 Monate für 1 Euro\nHersteller streicht 400 Stellen\n\n" + _BODY_DE + "\n",
         "Hersteller streicht 400 Stellen", None),
        # no date at the top: the dated copyright footer
        ("Hersteller streicht 400 Stellen\n\n" + _BODY_DE + "\n\n© Rheinland Verlag 2026 · 18.03.2026\n",
         "Hersteller streicht 400 Stellen", "2026-03-18"),
    ],
)  # fmt: skip
def test_titles_and_dates_of_awkward_pages(page: str, title: str, date: str | None) -> None:
    doc = read_bytes(page.encode(), "page.txt", "text/plain")
    assert (doc.title, doc.date) == (title, date)
    assert doc.text.count(title) == 1


@pytest.mark.parametrize(
    ("page", "title", "publisher"),
    [
        # the site's name on the first line, a section label under it: neither is the headline
        (f"Calder Valley Examiner\nWirtschaft | Bezirk Gmunden\n\nMaker to cut 400 jobs\n\n{_BODY_EN}\n",
         "Maker to cut 400 jobs", "Calder Valley Examiner"),
        (f"Hamburger Hafenkurier\nHafen & Logistik\n\nHersteller streicht 400 Stellen\n\n{_BODY_DE}\n",
         "Hersteller streicht 400 Stellen", "Hamburger Hafenkurier"),
        # a headline in title case is still the headline when nothing else precedes the body
        (f"Acme Cuts 400 Jobs\n\n{_BODY_EN}\n", "Acme Cuts 400 Jobs", None),
    ],
)  # fmt: skip
def test_a_masthead_above_the_headline_is_the_publisher(page: str, title: str, publisher: str | None) -> None:
    doc = read_bytes(page.encode(), "page.txt", "text/plain")
    assert (doc.title, doc.publisher) == (title, publisher)


def test_a_dateline_under_the_standfirst_and_byline_is_the_date() -> None:
    standfirst = "Der Hersteller will sein Werk bis Mitte 2027 schließen. Betriebsrat und Gewerkschaft kündigen Widerstand an."
    page = (
        f"Hersteller schließt Werk\n\n{standfirst}\n\nVon Simone Reiff\n05.11.2025, 18:10 Uhr\n\n{_BODY_DE}\n"
    )
    assert read_bytes(page.encode(), "page.txt", "text/plain").date == "2025-11-05"


def test_without_a_date_in_the_text_the_file_name_gives_it() -> None:
    page = f"Hersteller streicht 400 Stellen\n\n{_BODY_DE}\n"
    assert read_bytes(page.encode(), "sternberg-2025-06-26.de.txt", "text/plain").date == "2025-06-26"
    assert read_bytes(page.encode(), "sternberg-2025-02-30.de.txt", "text/plain").date is None
    assert read_bytes(page.encode(), "page.txt", "text/plain").date is None


@pytest.mark.parametrize(
    ("line", "date"),
    [("18. Jänner 2026", "2026-01-18"), ("18.1.2026", "2026-01-18"), ("Mittwoch, 18. März 2026, 14:05 Uhr", "2026-03-18"),
     ("2026-03-18T10:00:00+01:00", "2026-03-18"), ("Wed 18 Mar 2026 10.05 GMT", "2026-03-18"),
     ("Updated Mar. 18, 2026", "2026-03-18"), ("18/03/2026", "2026-03-18"), ("03/18/2026", "2026-03-18"),
     ("03/04/2026", None)],
)  # fmt: skip
def test_header_date_forms(line: str, date: str | None) -> None:
    page = f"Hersteller streicht 400 Stellen\n\n{line}\n\n{_BODY_DE}\n"
    assert read_bytes(page.encode(), "page.txt", "text/plain").date == date


def test_bylines_and_photo_credits_are_page_furniture() -> None:
    page = (
        "Hersteller streicht 400 Stellen\n\n18.03.2026 · Von Anna Berg, dpa\n\n"
        + _BODY_DE
        + " Das Werk in Kassel. "
        "(Foto: Max Kern/Imago Images)\nBild: picture alliance / dpa | Uwe Zucchi\n"
        "Von der Leyen sagte am Montag, die EU werde die Industrie stützen, und verwies auf die Energiepreise.\n"
        "Reporting by Priya Raman in Chicago and Tom Keller in New York; Editing by Ana Ruiz\n"
    )
    doc = read_bytes(page.encode(), "page.txt", "text/plain")
    assert doc.date == "2026-03-18"
    for noise in ("Anna Berg", "dpa", "Imago", "Zucchi", "Reporting by"):
        assert noise not in doc.text, noise
    assert "Das Werk in Kassel." in doc.text and "Von der Leyen sagte" in doc.text


def test_ticker_teasers_after_the_article_are_dropped() -> None:
    page = (
        "Hersteller streicht 400 Stellen\n\n" + _BODY_DE + "\n\nWeitere Meldungen aus dem Ticker\n"
        "13:48 Uhr – Kornhaus Logistik übernimmt Bremer Spedition\n12:55 Uhr – Velten Robotics erhält Großauftrag\n"
    )
    text = read_bytes(page.encode(), "page.txt", "text/plain").text
    assert "Kornhaus" not in text and "Velten" not in text and "400 Stellen abbauen" in text


def test_readers_comments_are_page_furniture() -> None:
    page = (
        f"Hersteller streicht 400 Stellen\n\n{_BODY_DE}\n\nKommentare (3)\nRurtaler58: Erst Einstellungsstopp,"
        " jetzt das. War doch klar.\nanonym: Die Politik hat alles kaputt gemacht.\n"
    )
    doc = read_bytes(page.encode(), "page.txt", "text/plain")
    assert "Rurtaler58" not in doc.text and "Einstellungsstopp" not in doc.text


@pytest.mark.parametrize(
    "line",
    ["Teilen: [Facebook] [X] [WhatsApp] [E-Mail] [Drucken]", "Teilen ▸ Facebook ▸ X ▸ WhatsApp ▸ Link kopieren",
     "Share: [Facebook] [Twitter] [Email] [Copy link]"],
)  # fmt: skip
def test_share_buttons_are_page_furniture(line: str) -> None:
    page = f"Hersteller streicht 400 Stellen\n\n{line}\n\n{_BODY_DE}\n"
    assert "Facebook" not in read_bytes(page.encode(), "page.txt", "text/plain").text


@pytest.mark.parametrize(
    ("header", "publisher"),
    [("BadenTech Report | 03.12.2025", "BadenTech Report"),
     ("Rheinische Wirtschaftsnachrichten, 14. März 2025", "Rheinische Wirtschaftsnachrichten"),
     ("Handelsblatt Nordhessen · 2. September 2025 · Von Sandra Pfeil", "Handelsblatt Nordhessen"),
     ("By Mark Devlin, Continental Industry Wire\nNovember 6, 2025", "Continental Industry Wire"),
     ("By Rachel Bamforth, Business Reporter\nThursday, 27 March 2025", None)],
)  # fmt: skip
def test_the_outlet_in_a_meta_line_under_the_headline(header: str, publisher: str | None) -> None:
    page = f"Hersteller streicht 400 Stellen\n\n{header}\n\n{_BODY_DE}\n"
    assert read_bytes(page.encode(), "page.txt", "text/plain").publisher == publisher


def test_an_upper_case_masthead_and_a_breaking_news_bar_are_not_the_headline() -> None:
    page = (
        "MIDSOUTH 5 NEWS\nWeather | Traffic | Local News | Sports\nBREAKING: Storms possible tonight - check the"
        f" forecast\n\nMaker to cut 400 jobs\n\nPosted: Sep 18, 2025\n\n{_BODY_EN}\n"
    )
    doc = read_bytes(page.encode(), "page.txt", "text/plain")
    assert (doc.title, doc.publisher, doc.date) == ("Maker to cut 400 jobs", "MIDSOUTH 5 NEWS", "2025-09-18")
