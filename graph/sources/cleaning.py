"""Scraped-page noise: cookie banners, newsletter boxes, share buttons, navigation and teasers.

Works line by line on plain text (a scraped page, or what trafilatura kept of an HTML page).
A line is a paragraph; noise lines are dropped, and so are the headline-like lines that follow
a teaser marker ("Lesen Sie auch", "Read more") and those that trail the last body paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from firmgraph.graph.sources.calendar import find_date

__all__ = [
    "Header",
    "clean_lines",
    "headline_of",
    "is_body_paragraph",
    "is_date_line",
    "is_headline_like",
    "is_noise_line",
    "read_header",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NOISE = re.compile(
    r"""(
      \bcookies?\b | \bcookie-(?:einstellungen|richtlinie|banner)
    | \b(?:alle\ )?akzeptieren\b | \baccept\ (?:all|cookies)\b | \bmanage\ (?:preferences|consent)\b
    | \bnewsletter\b.*\b(?:abonnier|anmeld|an\.$|registrier|bestell|subscribe|sign\ up|e-mail|inbox|kostenlos)
    | \b(?:abonnier|anmeld|subscribe|sign\ up)\w*\b.*\bnewsletter\b
    | ^newsletter\b | \bnewsletter$
    | \be-mail-adresse\b | \bemail\ address\b | \beinwilligung\w*\b | \bdatenschutzerklärung\b
    | \bprivacy\ policy\b | \bterms\ of\ (?:use|service)\b
    | \b\d+\ (?:min\.?|minuten?)\ (?:lesezeit|read)\b | \blesezeit\b | \breading\ time\b | \b\d+\ min\ read\b
    | \bkeine\ anlageberatung\b | \bstellt\ keine\ anlageberatung\b | \bnot\ (?:investment|financial)\ advice\b
    | ^(?:foto|fotos|bild|bilder|image|images|photo|quelle|source|credit|grafik|video|audio)\s*[:|]
    | ^(?:anzeige|werbung|advertisement|sponsored|promoted)$ | ^(?:©|\(c\)\ |copyright\b)
    | \balle\ rechte\ vorbehalten\b | \ball\ rights\ reserved\b
    | \bsave\ (?:up\ to\ )?\d+\ ?% | \bending\ soon\b | \blimited[-\ ]time\ offer\b | \bfree\ trial\b
    | \bsubscribe\ (?:now|today)\b | \bjetzt\ \d+\ ?%\ sparen\b | \bnur\ für\ kurze\ zeit\b | \bgratis\ testen\b
    | \bprobeabo\b | \b\d+\ (?:monate|wochen|months|weeks)\ für\ (?:nur\ )?\d
    | \bmain\ image\b | \bsymbolbild\b | \bbild\ vergrößern\b | \bzur\ startseite\b | \bback\ to\ top\b
    | \bjetzt\ (?:abonnieren|registrieren|anmelden|lesen|testen)\b | \bzum\ artikel\b
    | \bartikel\ (?:teilen|drucken|merken|anhören)\b | \bshare\ (?:this|on)\b
    | ^(?:breaking(?:\ news)?|eilmeldung)\s*[:|–-]
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_NAV_WORDS = _words(
    """home startseite menü menu suche search login logout anmelden registrieren abo abonnieren
    zurück weiter next previous prev mehr more teilen share drucken print merken kommentare kommentieren
    comments facebook twitter x linkedin xing whatsapp telegram e-mail email mail pinterest reddit
    instagram youtube flipboard impressum kontakt contact agb datenschutz privacy themen topics tags
    schlagworte top navigation nav skip inhalt content hilfe help login/registrieren podcast video
    videos bilder fotos galerie newsletter rss app apps shop jobs karriere sign in up log out abmelden
    subscribe abonnement epaper e-paper link kopieren copy x bluesky threads mastodon"""
)
_TEASER_MARKERS = re.compile(
    r"^(?:lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|das könnte sie (?:auch )?interessieren"
    r"|weitere (?:meldungen|beiträge|themen)|(?:mehr )?aus dem ticker|neueste (?:meldungen|nachrichten)"
    r"|latest (?:news|headlines|stories)|more (?:news|headlines)|top news|weitere artikel|weitere nachrichten|verwandte artikel|ähnliche artikel|empfehlungen|meistgelesen"
    r"|wissenswertes zum thema|top-?themen|zum thema|related(?: articles| stories| content)?|read more"
    r"|more from|more on this|more stories|recommended|most popular|most read|top stories|you may also like"
    r"|zurück|weiter|next|previous|vorheriger artikel|nächster artikel|next article|previous article)\b[:.]?",
    re.IGNORECASE,
)
_TIME_LINE = re.compile(
    r"^\s*(?:\d{1,2}[:.]\d{2}\s*(?:uhr|h|am|pm|cet|mez|utc)?|stand:.*)\s*$", re.IGNORECASE
)
_NUMBER_LINE = re.compile(r"^[\s\d+().,:/%–-]*$")
_BODY_END = re.compile(r"""[.!?:;"“”»«)]$""")


# "18.03.2026 · Von Anna Berg, dpa", "By Priya Raman and Tom Keller", "Reporting by …; Editing by …"
_BYLINE_LINE = re.compile(
    r"^(?:[^!?]{0,60}?\s[·|•–-]\s+)?(?i:von|by|text:|reporting by|additional reporting by|editing by)\s+"
    r"[A-ZÄÖÜ][\w.'-]+(?:[\s,;]+(?:(?i:und|and|in|editing|by)|[A-ZÄÖÜ][\w.'-]*))*(?:,\s*[\w/ ]{2,20})?\s*[.;]?$"
)
_PRESS_CONTACT = re.compile(
    r"(?i:pressekontakt|medienkontakt|press contact|media contact|investor contact)\s*:\s*\S"
)
_TICKER_LINE = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm))?\s*[–—|-]\s+\S", re.IGNORECASE)
# "(Foto: Max Kern/Imago Images)", "(Photo by Jane Doe/Getty Images)" inside a paragraph
_INLINE_CREDIT = re.compile(
    r"\s*[(\[](?:foto|fotos|bild|bilder|photo|photos|image|picture|credit|quelle)s?(?::| by)\s[^)\]]{1,120}[)\]]",
    re.IGNORECASE,
)


def is_noise_line(line: str) -> bool:
    """True for a line that is page furniture, not article text."""
    s = line.strip()
    if not s:
        return False
    if _NOISE.search(s):
        return True
    if len(s.split()) <= 16 and _BYLINE_LINE.match(s):
        return True
    if _TICKER_LINE.match(s) and not _BODY_END.search(s):
        return True  # "13:48 Uhr – Kornhaus Logistik übernimmt Spedition": a ticker teaser
    if _NUMBER_LINE.match(s) or _TIME_LINE.match(s):
        return True
    words = [w.strip("|·•,;:»«›‹>▸▶[]()") for w in s.lower().split()]
    words = [w for w in words if w]
    if words and all(w in _NAV_WORDS for w in words):
        return True
    # link lists flattened into one line: "Politik | Wirtschaft | Sport", "News  Köpfe  Jobs", breadcrumbs
    if _separators(s) + s.count(" > ") + s.count(" › ") >= 2 and not _BODY_END.search(s):
        return True
    if _is_breadcrumb(s):
        return True
    if re.fullmatch(r"(?:\[[^\]]{1,30}\]\s*)+", s):
        return True  # "[OK]  [Ablehnen]" buttons
    if re.match(r"^[»›>•]\s", s):
        return True  # teaser bullets
    return bool(len(words) == 1 and s.isupper() and len(s) > 3)  # "CLEANTECH" kicker


_CRUMB_SEP = re.compile(r"\s+(?:>|›|»|/)\s+")


def _is_breadcrumb(s: str) -> bool:
    """ "Unternehmen > Industrie", "Business / Industry": a short path of section names."""
    parts = _CRUMB_SEP.split(s)
    return len(parts) >= 2 and not _BODY_END.search(s) and all(0 < len(p.split()) <= 3 for p in parts)


def is_date_line(line: str) -> bool:
    """A line that holds nothing but a date (and perhaps a time)."""
    found = find_date(line)
    if not found:
        return False
    rest = (line[: found[1]] + line[found[2] :]).strip(" ,|·-–")
    return not rest or bool(_TIME_LINE.match(rest)) or (len(rest.split()) <= 2 and not _BODY_END.search(rest))


def is_headline_like(line: str) -> bool:
    """No closing punctuation, or a short question: a heading, teaser or button, not a body paragraph."""
    s = line.strip()
    if not _BODY_END.search(s):
        return True
    return s.endswith("?") and len(s.split()) < 10


def is_body_paragraph(line: str) -> bool:
    s = line.strip()
    return len(s.split()) >= 12 and bool(_BODY_END.search(s)) and not s.endswith("?")


@dataclass(frozen=True)
class Header:
    """What the top of a scraped page says: the title line, a date, a publisher line."""

    title_index: int | None
    date: str | None
    publisher: str | None


_NAME_LINE = re.compile(
    r"^(?:[A-ZÄÖÜ0-9][\w&.'’-]*)(?: (?:[A-ZÄÖÜ0-9&][\w&.'’-]*|de|von|und|of|the|&)){0,3}$"
)
_COPYRIGHT = re.compile(
    r"(?:©|\([cC]\)|[Cc]opyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*"
    r"([A-ZÄÖÜ][\w&'-]*(?: [A-ZÄÖÜ][\w&'-]*|\ (?:heute|online|aktuell|today|daily|weekly)\b){0,3})"
)


_WIRE_DATELINE = re.compile(
    r"^[A-ZÄÖÜ][\w .'/-]{1,40}, [A-ZÄÖÜ]?[\w.]+ \d{1,2}\.?(?: [\w.]+)? \(([A-Z][^)]{1,40})\) [-–—]"
)


_SECTION_WORDS = _words(
    """wirtschaft politik unternehmen finanzen märkte maerkte börse business markets tech technology technik
    news nachrichten karriere industrie handel arbeitsmarkt startups companies economy world welt regional
    lokales region sport kultur meinung opinion analysis analyse interview kommentar exklusiv exclusive
    breaking eilmeldung ticker update live digital energie auto automotive mobilität finance finanz
    insurance banken banking retail media medien"""
)
_BYLINE = re.compile(r"^(?:von|by|from|text:|autor|author|redaktion|reporting)\b", re.IGNORECASE)
_DOMAIN = re.compile(r"[A-ZÄÖÜ][\w-]+\.[a-z]{2,3}")  # "CloudMarkt.de"
_TAGLINE = re.compile(r"\s+(?:[–—|·:]|-)\s+.*$")


def _masthead_name(line: str) -> str | None:
    """The site's name when `line` is a masthead: "Bankenblatt", "WERKBANK – Das Industriemagazin"."""
    s = _TAGLINE.sub("", line.strip())
    if not s or _BYLINE.match(s) or is_date_line(s) or _NOISE.search(s):
        return None
    words = s.split()
    if not 1 <= len(words) <= 4 or not (_NAME_LINE.match(s) or _DOMAIN.fullmatch(s)):
        return None
    if all(w.lower() in _NAV_WORDS or w.lower() in _SECTION_WORDS for w in words):
        return None  # a section label or a menu item, not the site
    return s


def _masthead(lines: list[str], nonempty: list[int], title_index: int, first_body: int) -> str | None:
    """The masthead line right after the title (skipping page furniture), or the page's first line."""
    for i in nonempty:
        if i <= title_index:
            continue
        if i >= first_body:
            break
        if is_noise_line(lines[i]) and not _masthead_name(lines[i]):
            continue
        name = _masthead_name(lines[i])
        if name is not None:
            return name
        break
    first, then = nonempty[0], nonempty[1] if len(nonempty) > 1 else None
    # above the title only when a menu or the title itself follows (not an ad: "Kostenlose Beratung")
    if (
        first < title_index
        and then is not None
        and (then == title_index or _is_menu(lines[then]) or _is_page_label(lines[then]))
    ):
        return _masthead_name(lines[first])
    return None


def _is_page_label(line: str) -> bool:
    """A masthead or a short section label: a few capitalised words, or a few words split by `|`."""
    s = line.strip()
    return _masthead_name(s) is not None or (
        _separators(s) >= 1 and len(s.split()) <= 6 and not _BODY_END.search(s)
    )


def _separators(s: str) -> int:
    return s.count("|") + s.count("·") + s.count("•") + s.count("  ")


def _is_menu(line: str) -> bool:
    s = line.strip()
    return _separators(s) >= 2 and not _BODY_END.search(s)


def read_header(lines: list[str]) -> Header:
    """Find the title, date and publisher among the first lines of a scraped text page."""
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    if not nonempty:
        return Header(None, None, None)
    first_body = next(
        (i for i in nonempty if is_body_paragraph(lines[i]) and not is_noise_line(lines[i])), nonempty[-1]
    )
    candidates = []
    for i in nonempty:
        if i > first_body:
            break
        s = lines[i].strip()
        if is_noise_line(s) or is_date_line(s) or len(s.split()) < 3 or is_body_paragraph(s):
            continue
        candidates.append(i)
    # the site's name or a section label on top of the page ("Calder Valley Examiner",
    # "Wirtschaft | Bezirk Gmunden") is not the headline below it
    top = set(nonempty[:2])
    headlines = [i for i in candidates if not (i in top and _is_page_label(lines[i]))]
    title_index = (headlines or candidates or nonempty)[0]
    window = [i for i in nonempty if i <= max(title_index, first_body) + 1][:30]
    # a dateline under the byline, below a standfirst: "Von Simone Reiff" / "05.11.2025, 18:10 Uhr"
    window += [i for i in nonempty if first_body + 1 < i <= first_body + 4 and is_date_line(lines[i])]
    date_value, publisher = None, None
    publisher = _masthead(lines, nonempty, title_index, first_body)
    for line in lines[-25:] if publisher is None else []:
        m = _COPYRIGHT.search(line)
        if m and m.group(1).strip(" .,") not in {"Alle", "All"}:
            publisher = m.group(1).strip(" .,") or None
            break
    for i in window:
        wire = _WIRE_DATELINE.match(lines[i].strip())
        if publisher is None and wire:
            publisher = wire.group(1).strip()
    for pos, i in enumerate(window):
        found = find_date(lines[i]) if len(lines[i]) < 80 else find_date(lines[i][:60])
        if not found:
            continue
        date_value = found[0].isoformat()
        prev = lines[window[pos - 1]].strip() if pos > 0 else ""
        if (
            publisher is None
            and len(prev.split()) >= 2
            and _NAME_LINE.match(prev)
            and not is_noise_line(prev)
            and not re.match(r"^(?:von|by)\b", prev, re.I)
            and window[pos - 1] != title_index
        ):
            publisher = prev
        if publisher is None:
            publisher = _meta_publisher(lines[i]) or (_meta_publisher(prev) if pos > 0 else None)
        break
    if date_value is None:
        # "© Rheinland Verlag 2026 · 18.03.2026": a dated footer when the header has no date
        for line in lines[-25:]:
            found = find_date(line) if _COPYRIGHT.search(line) or _FOOTER_DATE.search(line) else None
            if found:
                date_value = found[0].isoformat()
                break
    return Header(title_index, date_value, publisher)


_OUTLET_TAIL = re.compile(
    r"(?:Wire|News|Post|Times|Journal|Herald|Report|Review|Weekly|Daily|Zeitung|Nachrichten|Wirtschaftsnachrichten"
    r"|Anzeiger|Kurier|Rundschau|Bote|Blatt|Magazin|Wirtschaftsmagazin|Echo|Tribune|Gazette|Ledger|Examiner"
    r"|Telegraph|Observer|Chronicle|Monitor|Insider|Today|Online|Presse|Allgemeine|Handelsblatt\w*)"
)


def _meta_publisher(line: str) -> str | None:
    """The outlet in a meta line: "BadenTech Report | 03.12.2025", "By Mark Devlin, Continental Industry
    Wire", "Handelsblatt Nordhessen · 2. September 2025 · Von Sandra Pfeil"."""
    for part in re.split(r"\s+[|·•—–]\s+|,\s+", line.strip()):
        part = re.sub(r"^(?i:by|von)\s+[A-ZÄÖÜ][\w.'-]+(?:\s+[A-ZÄÖÜ][\w.'-]+){0,2}$", "", part).strip()
        name = _masthead_name(part) if part and not find_date(part) else None
        if name and len(name.split()) >= 2 and any(_OUTLET_TAIL.fullmatch(w) for w in name.split()):
            return name
    return None


_FOOTER_DATE = re.compile(
    r"^(?:veröffentlicht|published|erschienen|stand|updated|aktualisiert)\b", re.IGNORECASE
)


def headline_of(paragraph: str) -> str:
    """The headline of a page scraped without line breaks: the words before the body repeats the
    headline's subject ("Acme to cut 300 jobs Acme Inc. said on Tuesday ..."), else its first sentence."""
    words = paragraph.split()
    if len(words) <= 25:
        return paragraph.strip()
    lead = words[0].strip("„“\"'")
    for i in range(3, min(30, len(words))):
        if words[i].strip("„“\"'") == lead and words[i][:1].isupper():
            return " ".join(words[:i])
    m = re.search(r"^(.{20,200}?[.!?])\s", paragraph)
    return m.group(1) if m else " ".join(words[:15])


_COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:kommentare|leserkommentare|comments|reader comments|\d+ responses)(?:\s*\(\d+\))?:?$",
    re.I,
)


def clean_lines(lines: list[str]) -> list[str]:
    """Drop noise lines, teaser blocks, readers' comments and the trailing run of headline-like lines."""
    kept: list[str] = []
    in_teaser = False
    in_comments = False
    for raw in lines:
        line = _INLINE_CREDIT.sub("", raw).rstrip()
        s = line.strip()
        if in_comments or _COMMENTS.match(s):
            in_comments = True  # "Kommentare (3)": what readers wrote, to the end of the page
            continue
        if not s:
            kept.append("")
            continue
        marker = _TEASER_MARKERS.match(s)
        if marker:
            rest = s[marker.end() :].strip()
            # "Lesen Sie auch: <headline>" on one line, or a marker heading a teaser block
            if not rest or is_headline_like(rest) or len(rest.split()) < 12:
                in_teaser = True
                continue
        if in_teaser and is_headline_like(s) and not is_body_paragraph(s):
            continue
        in_teaser = False
        if is_noise_line(s) or is_date_line(s):
            continue
        kept.append(line)
    # teasers, buttons and calls to action trail the last body paragraph
    last_body = max((i for i, line in enumerate(kept) if is_body_paragraph(line)), default=None)
    if last_body is not None:
        tail = kept[last_body + 1 :]
        kept = kept[: last_body + 1] + [
            line
            for line in tail
            if line.strip() and (not is_headline_like(line) or _PRESS_CONTACT.match(line.strip()))
        ]  # a press contact names the firm's spokesperson
    return _squeeze(kept)


def _squeeze(lines: list[str]) -> list[str]:
    """At most one blank line in a row, none at either end."""
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out
