"""What a sentence says about an event besides its figures: trigger kinds, reasons, affected
units, methods and the channel of the announcement."""

from __future__ import annotations

import re

from firmgraph.graph.extraction.rules.lexicon import (
    ANNOUNCE,
    CHANNEL_PATTERNS,
    CUT,
    DISPLACED,
    EVENT_ANAPHOR,
    FREEZE,
    JOB_NOUN,
    METHOD_PATTERNS,
    NEGATION,
    NEUTRAL,
    NOT_NAMES,
    PLAN,
    REASON_CUE,
    REASON_PATTERNS,
    SOFT,
    SPECULATION,
    SPEECH,
    SUBJUNCTIVE,
    UNIT_HEADS,
    UNITS,
)
from firmgraph.graph.extraction.rules.numbers import find_quantities

Hit = tuple[str, int, int]
"""(label, start, end) within a sentence."""

_CUES = {
    "cut": re.compile(rf"(?<![\w])(?:{CUT})(?![\w])", re.I),
    "neutral": re.compile(rf"(?<![\w])(?:{NEUTRAL})(?![\w])", re.I),
    "freeze": re.compile(rf"(?<![\w])(?:{FREEZE})(?![\w])", re.I),
    "soft": re.compile(rf"(?<![\w])(?:{SOFT})(?![\w])", re.I),
    "plan": re.compile(rf"(?<![\w])(?:{PLAN})(?![\w])", re.I),
    "anaphor": re.compile(rf"(?<![\w])(?:{EVENT_ANAPHOR})(?![\w])", re.I),
}
# "cuts" and "reduce" are also said of costs, prices and rates
_NOT_JOBS = re.compile(
    r"(?:cost|kosten)[- ]?(?:reduction|cutting|cuts|senkung)\w*|(?:cut|cuts|cutting|reduc\w*|senk\w*|slash\w*|trim\w*)\s+(?:\w+\s+){0,2}(?:costs?|prices?|rates?|spending|emissions"
    r"|kosten|preise|zinsen|ausgaben|prognose|forecast|guidance|debt|schulden)",
    re.I,
)
_REASON_CUE_RE = re.compile(REASON_CUE, re.I)
_SPEECH_RE = re.compile(rf"(?<![\w])(?:{SPEECH})(?![\w])", re.I)
_SUBJUNCTIVE_RE = re.compile(SUBJUNCTIVE, re.I)
_ANNOUNCE_RE = re.compile(rf"(?<![\w])(?:{ANNOUNCE})(?![\w])", re.I)
_NEGATION_RE = re.compile(NEGATION, re.I)
_DISPLACED_RE = re.compile(DISPLACED, re.I)
_SPECULATION_RE = re.compile(SPECULATION, re.I)
_UNITS_RE = re.compile(rf"(?<![\w-])(?:{UNITS})(?![\w-])", re.I)
_HR_RE = re.compile(r"(?<![\w-])HR(?![\w-])")
_UNIT_PHRASE_RE = re.compile(
    rf"(?<![\w-])(?:in|at|across|within|from|bei|aus)\s+(?:its|the|their|seiner|ihrer|der|den|dem)\s+"
    rf"(?P<unit>[\w&-]+(?:\s+(?!and\b|und\b)[\w&-]+)?(?:\s+(?:and|und|&)\s+[\w&-]+(?:\s+[\w&-]+)?)?)\s+"
    rf"(?:{UNIT_HEADS})s?(?![\w])"
    rf"|(?<![\w-])(?P<compound>[\wäöüß]+-?(?:sparte|geschäft|abteilung|bereich|division))(?![\w-])",
    re.I,
)
_PLACE = r"[A-ZÄÖÜ][\wäöüß-]+(?:\s+[A-ZÄÖÜ][\wäöüß-]+)?"
_SITE_WORD_DE = (
    r"[A-ZÄÖÜ][a-zäöüß]+(?:werk|fabrik|standort|zentrum)|Werk|Werke|Standort|Rechenzentrum|Logistikzentrum"
    r"|Verteilzentrum|Zentrallager|Lager|Zentrale|Konzernzentrale"
    r"|Niederlassung|Büro|Filiale|Fabrik|Anlage|Hauptsitz|Stammsitz|Produktion|Chlorproduktion|Verwaltung"
)
_SITE_WORD_EN = (
    r"plant|factory|site|works|studio|office|headquarters|distribution cent(?:er|re)|warehouse|mill|hub|campus"
    r"|bakery|brewery|depot|store|branch|facility|distribution campus|warehouse campus"
    r"|support cent(?:er|re)s?|call cent(?:er|re)s?|data cent(?:er|re)s?"
)
# "Werk in Eisenach", "Werk Eisenach", "Sparte Antriebstechnik", "its Dayton plant", "design studio in Turin"
_SITE_RE = re.compile(
    rf"(?<![\w-])(?:{_SITE_WORD_DE})\s+(?:(?:in|im)\s+)?{_PLACE}(?=[\s,.;:)])"
    rf"|(?<![\w-])(?:Sparte|Geschäftsbereich|Division|Bereich)\s+{_PLACE}"
    rf"|(?<![\w'’-])(?:[a-z]+\s+)?(?:{_SITE_WORD_EN})\s+in\s+(?:(?:north|south|east|west|northern|southern|eastern"
    rf"|western|central|southeast|southwest|northeast|northwest|downtown)\s+)?{_PLACE}"
)
_OWNED_SITE_RE = re.compile(rf"\b(?:its|the|their)\s+(?P<u>{_PLACE}\s+(?:{_SITE_WORD_EN}))\b")
_AFFECTED_RE = re.compile(
    r"\b(?:betroffen|trifft|treffen|entfallen auf|entfällt auf|affected|hit hardest|mostly in|mainly in"
    r"|fall on|falls on|concentrated in|schwerpunkt)\b",
    re.I,
)
_DENIED_RE = re.compile(
    r"\b(?:(?:derzeit |vorerst |aktuell )?nicht geplant|nicht vorgesehen|keine (?:weiteren )?(?:entlassungen|kündigungen|stellenstreichungen)"
    r"|no (?:further |more )?(?:layoffs|job cuts)|not (?:planning|planned|expected)|no plans? (?:for|to))\b",
    re.I,
)
# where a cut is scoped to a country or region: "1,900 jobs in Germany", "Stellen in der Schweiz", "entfallen auf Deutschland"
_REGION = (
    r"Deutschland|Germany|Österreich|Austria|Schweiz|Switzerland|Großbritannien|Britain|UK|U\.K\.|USA|U\.S\.|US"
    r"|United States|Nordamerika|North America|Europa|Europe|Frankreich|France|China|Indien|India|Asien|Asia"
    r"|Asia-Pacific|Bayern|Bavaria|Sachsen|Saxony|Baden-Württemberg|Nordrhein-Westfalen|Niedersachsen|Hessen"
)
_SCOPE_RE = re.compile(
    rf"(?<![\w])(?:{JOB_NOUN})\s+(?:(?:weltweit|worldwide|globally)\s+)?(?:in|im|across)\s+(?:der\s+|den\s+|the\s+)?"
    rf"(?P<r>{_REGION})(?![\w])|(?<![\w])(?:entf(?:allen|ällt)\s+auf|davon\s+in|of them in|of which in)\s+"
    rf"(?:die\s+|den\s+|der\s+|the\s+)?(?P<r2>{_REGION})(?![\w])",
    re.I,
)
# "Betroffen sind vor allem Verwaltung, Vertrieb und Konstruktion", "cuts fall on sales, marketing and IT"
_LIST_CUE_RE = re.compile(
    r"\b(?:betroffen (?:sind|ist|seien|wären)|beträfen|betrifft|betreffen|entfallen auf|entfällt auf|trifft es|treffe es"
    r"|(?:will|would|to) (?:mostly |mainly |primarily |largely )?affect|affecting|fall on|falls on|concentrated in"
    r"|(?:cuts|layoffs|reductions|job losses|redundancies) (?:will |would )?(?:hit|affect)"
    r"|(?:are|were|is) (?:mostly |mainly |primarily |largely )?in|mostly in|mainly in|primarily in|largely in)\b"
    r"(?:\s+(?:demnach|nach \w+angaben|laut \w+|vor allem|insbesondere|außerdem|zudem|auch|hauptsächlich|mostly"
    r"|mainly|primarily|largely|chiefly|particularly|especially|its|the|their))*\s+",
    re.I,
)
_LIST_SPLIT_RE = re.compile(r",\s*|\s+(?:und|and|sowie|as well as|including|darunter|plus|&)\s+", re.I)
_LIST_END_RE = re.compile(
    r"[;:.!?()\[\]„“\"–]|,\s*(?:wo|wobei|which|who|where|while|whereas|but|aber|weil|da|dass|that|with)\b"
    r"|,\s*(?:die|der|das)\s+(?-i:(?![A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)?\s*(?:,|und\b|sowie\b|oder\b|\.|$)))"
    r"|\s(?:sind|ist|seien|were|are|will|would|soll\w*|werden|wird|said|sagte|according|laut|zufolge)\b",
    re.I,
)
_LIST_DROP_RE = re.compile(
    r"^(?:(?:der|die|das|den|dem|des|im|in der|in den|in|am|an|beim|bei|its|the|their|some|parts? of|teile (?:der|des)"
    r"|roles in|jobs in|staff in|positions in|including|darunter|[\w-]+['’]s"
    r"|(?:beschäftigte\w*|mitarbeite\w*|stellen|arbeitsplätze) (?:in|im|der|des|bei|beim))\s+)+",
    re.I,
)
_NOT_UNIT_ITEM = re.compile(
    rf"^(?:{JOB_NOUN}|\d.*|others?|the rest|rest|andere\w*|weitere\w*|mehr|more|(?-i:it)|this|these|those|dies\w*"
    r"|vollzeit\w*|teilzeit\w*|[a-zäöü]+ly|demnach|vor allem|auch)$",
    re.I,
)


# "Hardware engineering, customer support and its campus in Raleigh are most affected"
_AFFECTED_AFTER_RE = re.compile(
    r"\s(?:are|were|is|was|sind|seien|waren|ist)\s+(?:(?:most|hardest|worst|particularly|especially|am stärksten"
    r"|besonders|vor allem)\s+)?(?:affected|hit|betroffen)\b",
    re.I,
)
# "close four of its regional offices, in Kassel, Würzburg, Osnabrück and Trier"
_CLOSED_TOWNS_RE = re.compile(
    r"\b(?:clos\w*|shut\w*|schließ\w*|aufgeben|aufgegeben)\b[^.;]{0,80}?,?\s(?:in|at)\s"
    r"(?P<towns>(?-i:[A-ZÄÖÜ][\wäöüß-]+)(?:(?:,\s*|\s+(?:and|und)\s+)(?-i:[A-ZÄÖÜ][\wäöüß-]+)){2,8})",
    re.I,
)
_TOWN_SCOPE_RE = re.compile(
    rf"(?<![\w])(?:{JOB_NOUN})\s+(?:in|im|at)\s+(?P<r>(?-i:[A-ZÄÖÜ][\wäöüß-]+(?:\s+(?:an der\s+|am\s+)?[A-ZÄÖÜ][\wäöüß-]+)?))"
    rf"(?=[\s,.;:)–]|$)(?P<r2>)",
    re.I,
)
_ABOUT_JOBS_RE = re.compile(
    rf"(?<![\w])(?:{JOB_NOUN}|{CUT}|betroffen\w*|affected|cuts?|reductions?)(?![\w])", re.I
)


_REGIONAL_COUNT_RE = re.compile(
    rf"(?:(?P<n1>\d[\d.,' ]*\d|\d)\s+(?:of them|of whom|davon)|\bdavon\s+(?:rund\s+|etwa\s+|about\s+)?(?P<n2>\d[\d.,' ]*\d|\d))"
    rf"\s+(?:in|im)\s+(?:der\s+|den\s+|the\s+)?(?P<r>{_REGION})(?![\w])",
    re.I,
)


def regional_headcounts(text: str, lang: str | None) -> dict[str, float]:
    """Staff in a country or region the sentence gives beside the total ("14,000 people worldwide, 6,500 of
    them in Germany", "davon 4.200 in Deutschland"): region (lower case) -> count."""
    found: dict[str, float] = {}
    for m in _REGIONAL_COUNT_RE.finditer(text):
        group = "n1" if m.group("n1") else "n2"
        q = next((q for q in find_quantities(text, lang=lang) if q.start == m.start(group)), None)
        if q is not None and q.kind == "count":
            found[m.group("r").lower()] = q.value
    return found


def scopes(text: str) -> list[Hit]:
    """Countries, regions and towns a cut is stated for ("jobs in Germany", "entfallen auf Deutschland",
    "180 ihrer Beschäftigten in Kapfenberg")."""
    hits = []
    towns = [
        m
        for m in _TOWN_SCOPE_RE.finditer(text)
        if m.group("r").split()[0] not in NOT_NAMES | {"Inland", "Ausland"}
    ]
    for m in [*_SCOPE_RE.finditer(text), *towns]:  # "jobs in March" names no place
        group = "r" if m.group("r") else "r2"
        if group == "r" and not re.search(r"\d", text[max(0, m.start() - 25) : m.start()]):
            continue  # "affected employees in the U.S." says who, not the scope of a stated figure
        hits.append((m.group(group), m.start(group), m.end(group)))
    return hits


_LEADING_REGION_RE = re.compile(
    rf"^(?:In|Im|Across|In the)\s+(?:der\s+|den\s+)?(?P<r>{_REGION})(?![\w])[\s,]", re.I
)


def leading_region(text: str) -> Hit | None:
    """The country or region a sentence opens with ("In Deutschland fallen knapp 900 Stellen weg")."""
    m = _LEADING_REGION_RE.match(text)
    return (m.group("r"), m.start("r"), m.end("r")) if m else None


def _list_items(rest: str, offset: int) -> list[Hit]:
    """The items of a list of units ("Verwaltung, Vertrieb und Konstruktion"), each with its place."""
    hits: list[Hit] = []
    for item in _LIST_SPLIT_RE.split(rest):
        start = offset + rest.find(item) if item else offset
        value = _LIST_DROP_RE.sub("", item.strip()).strip()
        value = re.sub(r"\s+(?:teams?|roles|functions|staff|positions|jobs|stellen)$", "", value, flags=re.I)
        words = value.split()
        if not words or len(words) > 5 or _NOT_UNIT_ITEM.match(value) or not re.match(r"[\wÄÖÜäöü]", value):
            continue
        hits.append((value, start, start + len(item)))
    return hits


def listed_units(text: str) -> list[Hit]:
    """The items of a list of affected units after a cue ("Betroffen sind vor allem A, B und C"), before one
    ("Hardware engineering, customer support and its campus in Raleigh are most affected"), or the towns
    of sites a firm closes ("close four regional offices, in Kassel, Würzburg and Trier")."""
    for m in _AFFECTED_AFTER_RE.finditer(text):
        if not _negated(text, m.start()):
            start = max(text.rfind(c, 0, m.start()) for c in ":;") + 1
            before = text[start : m.start()]
            if found := _list_items(before, start):
                return found
    for m in _CLOSED_TOWNS_RE.finditer(text):
        return _list_items(m.group("towns"), m.start("towns"))
    hits: list[Hit] = []
    for cue in _LIST_CUE_RE.finditer(text):
        opens = not text[: cue.start()].strip(" „“\"'")  # "Betroffen sind vor allem ...": of the cut before
        if _negated(text, cue.start()) or not (opens or _ABOUT_JOBS_RE.search(text[: cue.end()])):
            continue  # "charges, mostly in the first quarter" is not about where jobs go
        rest = text[cue.end() :]
        end = _LIST_END_RE.search(rest)
        rest = rest[: end.start()] if end else rest
        hits = _list_items(rest, cue.end())
        if hits:
            break
    return hits


# "Das Werk in Graz ist nicht betroffen", "will not impact retail employees in stores"
_SPARED_RE = re.compile(
    r"\b(?:nicht|kein\w*) (?:\w+ )?betroffen|\bnicht (?:\w+ )?(?:betreffen|betrifft|treffen|trifft)\b|\bausgenommen\b"
    r"|\bverschont\b|\bnot (?:be )?(?:affected|impacted)\b|\bunaffected\b|\b(?:will|would|does|do|did) not"
    r" (?:impact|affect|include)\b|\bspared\b|\bexcluded\b|\bexempt\b",
    re.I,
)
_CLAUSE_BREAK_RE = re.compile(r"[,;–]|\s(?:but|aber|sondern|while|während|whereas)\s", re.I)
_HEDGED_RE = re.compile(
    r"\b(?:wo (?:immer )?möglich|wenn möglich|soweit möglich|so weit wie möglich|möglichst|nach möglichkeit|angeboten"
    r"|anbieten|bieten\w*|versuch\w*|bevorzugt|(?:wherever|where|if|as far as) possible|(?:will|would) try|trying"
    r"|offer(?:s|ed|ing)?|first|im gespräch|verhand\w*|diskutier\w*|(?:zu )?prüfen|geprüft|wie möglich"
    r"|under discussion|negotiat\w*|being considered|could|might)\b",
    re.I,
)
_GENERIC_UNIT = re.compile(r"^(?:\w+-)?(?:sparte|abteilung|bereich|geschäft|division|unit|business)$", re.I)


def cues(text: str) -> dict[str, tuple[int, int]]:
    """Which kinds of trigger the sentence holds (cut, neutral, freeze, soft, plan, anaphor), first place of each."""
    found: dict[str, tuple[int, int]] = {}
    cleaned = _NOT_JOBS.sub(lambda m: " " * len(m.group(0)), text)
    for kind, pattern in _CUES.items():
        for m in pattern.finditer(cleaned):
            if kind == "cut" and _DENIED_RE.search(cleaned[max(0, m.start() - 25) : m.end() + 45]):
                continue  # "Entlassungen seien nicht geplant", "no layoffs are planned"
            if kind == "soft" and (
                _HEDGED_RE.search(text) or not (_ABOUT_JOBS_RE.search(text) or _CUES["anaphor"].search(text))
            ):
                # "wo möglich über Altersteilzeit": offered, forced cuts not ruled out; no type of its own
                kind = "offer"
            found[kind] = (m.start(), m.end())
            break
    return found


def announces(text: str) -> bool:
    return bool(_ANNOUNCE_RE.search(text))


def gives_reasons(text: str) -> bool:
    """A sentence that states why ("Grund seien", "Hintergrund sind", "citing", "due to")."""
    return bool(_REASON_CUE_RE.search(text))


def is_unit_phrase(text: str, start: int, end: int) -> bool:
    """Whether a unit hit came from a phrase ("in its X business") rather than the unit word list."""
    return any(m.start("unit") == start for m in _UNIT_PHRASE_RE.finditer(text) if m.group("unit"))


def speaks(text: str) -> bool:
    """A verb or phrase of speech: "sagte", "laut", "according to"."""
    return bool(_SPEECH_RE.search(text))


_QUOTE_OPENERS = frozenset("\"„“«»‘'")


def reports(text: str) -> bool:
    """Speech, or German reported speech in the subjunctive ("Die Auftragsflaute lasse keine Wahl")."""
    return speaks(text) or bool(_SUBJUNCTIVE_RE.search(text)) or text.lstrip()[:1] in _QUOTE_OPENERS


def is_speculative(text: str) -> bool:
    return bool(_SPECULATION_RE.search(text)) or text.rstrip().endswith("?")


_LACKING_RE = re.compile(
    r"(?:wettbewerbsfähig|konkurrenzfähig|competitive|profitabel|profitable|rentabel)", re.I
)


def _negated(text: str, start: int) -> bool:
    window = text[max(0, start - 30) : start]
    window = re.split(r"[,;:–]|\bund\b|\band\b|\bsondern\b|\bbut\b", window)[-1]
    return bool(_NEGATION_RE.search(window))


def _displaced(text: str, start: int, clause_bounds: list[tuple[int, int]]) -> bool:
    for a, b in clause_bounds:
        if a <= start < b:
            return bool(_DISPLACED_RE.search(text[a:b]))
    return False


def reasons(text: str, clause_bounds: list[tuple[int, int]]) -> list[Hit]:
    """Stated reasons, without negated ones ("nicht KI-bedingt") or those said of earlier steps ("zuvor")."""
    hits: list[Hit] = []
    for label, pattern in REASON_PATTERNS:
        for m in pattern.finditer(text):
            lacking = _LACKING_RE.match(m.group(0))  # "nicht mehr wettbewerbsfähig": the lack is the reason
            if (_negated(text, m.start()) and not lacking) or _displaced(text, m.start(), clause_bounds):
                continue
            hits.append((label, m.start(), m.end()))
            break
    return sorted(hits, key=lambda h: h[1])


def methods(text: str) -> list[Hit]:
    hits = []
    for label, pattern in METHOD_PATTERNS:
        m = pattern.search(text)
        if m and not _negated(text, m.start()):
            hits.append((label, m.start(), m.end()))
    return hits


def channels(text: str) -> list[Hit]:
    """Channels named in the sentence, by priority (filing, press release, memo, blog post, interview)."""
    hits = []
    for label, pattern in CHANNEL_PATTERNS:
        m = pattern.search(text)
        if m:
            hits.append((label, m.start(), m.end()))
    return hits


def units(text: str) -> list[Hit]:
    """Business units and sites named in the sentence ("Einzelhandel", "its cloud division", "Werk in Eisenach")."""
    hits: list[Hit] = []

    def add(value: str, start: int, end: int) -> None:
        if not any(start < e and end > s for _, s, e in hits):
            hits.append((value, start, end))

    for m in _OWNED_SITE_RE.finditer(text):  # "its Halcombe works", "the Zaragoza plant"
        add(m.group("u"), m.start("u"), m.end("u"))
    for m in _SITE_RE.finditer(text):
        value = re.sub(r"^(?:its|their|the)\s+", "", m.group(0))
        add(value, m.end() - len(value), m.end())
    for m in _UNIT_PHRASE_RE.finditer(text):
        group = "unit" if m.group("unit") else "compound"
        value = m.group(group)
        if _GENERIC_UNIT.match(value) or value.lower() in {
            "its",
            "the",
            "new",
            "other",
            "eigenen",
            "gesamten",
        }:
            continue
        start = m.start(group)
        # "its publishing and marketing teams": two units
        for part in re.split(r"\s+(?:and|und|&)\s+", value):
            at = start + value.find(part)
            add(part, at, at + len(part))
    for hit in scopes(text) + listed_units(text):  # a list's items before the single words they hold
        add(*hit)
    for m in list(_UNITS_RE.finditer(text)) + list(_HR_RE.finditer(text)):
        add(m.group(0), m.start(), m.end())
    spared = [_spared_span(text, m.start()) for m in _SPARED_RE.finditer(text)]
    hits = [h for h in hits if not any(a <= h[1] < b for a, b in spared)]
    return sorted(hits, key=lambda h: h[1])


_RELATIVE_START = re.compile(r"^\s*(?:which|that|who|die|der|das|welche\w*)\b", re.I)


def _spared_span(text: str, pos: int) -> tuple[int, int]:
    """The clause a "not affected" phrase is in, and the one before when it is a relative clause
    ("its research centre in Maple Grove, which is not affected")."""
    start, end = _clause_around(text, pos)
    if start > 0 and _RELATIVE_START.match(text[start:pos]):
        start = _clause_around(text, max(0, start - 2))[0]
    return start, end


def _clause_around(text: str, pos: int) -> tuple[int, int]:
    """The clause around `pos`: up to the nearest comma, semicolon, dash or "but" on either side."""
    bounds = list(_CLAUSE_BREAK_RE.finditer(text))
    start = max((m.end() for m in bounds if m.end() <= pos), default=0)
    end = min((m.start() for m in bounds if m.start() >= pos), default=len(text))
    return start, end


def names_affected(text: str) -> bool:
    """A sentence that says where the cuts fall ("Betroffen sind vor allem", "mostly in", "fall on")."""
    return bool(_AFFECTED_RE.search(text))
