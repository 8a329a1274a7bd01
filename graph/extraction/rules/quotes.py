"""Quotations („…“, "…", »…«) with their speaker (person or company) and the outlet they were
given to. Scare quotes and quoted names ("Buy Now, Pay Later"-Dienste) are left out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from firmgraph.graph.extraction.rules.gazetteer import NOT_ACTORS
from firmgraph.graph.extraction.rules.lexicon import SPEECH, SUBJUNCTIVE, role_label
from firmgraph.graph.extraction.rules.orgs import OrgIndex
from firmgraph.graph.extraction.rules.people import Person
from firmgraph.graph.extraction.rules.text import Sentence

_CLOSERS = {"„": '“”"', "“": '”"“', "”": '”"', "»": "«", "«": "»", '"': '"'}
_SPEECH_RE = re.compile(rf"(?<![\w])(?:{SPEECH})(?![\w])", re.I)
_SUBJUNCTIVE_RE = re.compile(SUBJUNCTIVE, re.I)
_AFTER_VERB = re.compile(
    r"^\s*[,–—-]?\s*(?:sagte|sagt|so|erklärte|betonte|meinte|schrieb|ergänzte|fügte|warnte|bekräftigte|said|says"
    r"|added|wrote|told|explained|stressed|noted|warned|versicherte|wird\b[^.„“\"]{0,80}\bzitiert"
    r"|teilte\b[^.„“\"]{0,60}\bmit|(?:das|dies|so|that is what|that's what|this is what)\s+(?:sagte|sagt|erklärte"
    r"|schrieb|said|wrote|told))\b",
    re.I,
)
_AFTER_NAME_VERB = re.compile(
    r"^\s*[,–—-]?\s*(?P<who>[^,.;„“\"]{2,60}?)\s+(?:said|says|added|wrote|told|sagte|sagt|schreibt|schrieb)\b",
    re.I,
)
_THAT_SAID = re.compile(
    r"^\s*(?i:das|dies|so|that is what|that's what|this is what)\s+(?:sagte|sagt|erklärte|schrieb|said|wrote|told)\b"
)
_PRONOUN_SPEAKS = re.compile(rf"\b(?:he|she|er|sie)\s+(?:\w+\s+)?(?:{SPEECH})\b")
# an unnamed spokesperson speaks for the firm: "the spokesperson said", "sagte ein Konzernsprecher"
_UNNAMED_SPOKESPERSON = re.compile(
    r"(?i:\b(?:the|a|an|ein|eine|der|die)\s+(?:[\w-]+\s+)?(?:spokes(?:person|man|woman)|(?:\w+)?sprecher(?:in)?)\b)"
)

# the quote was given to the outlet ("told Reuters", "sagte dem Weserblick", "im Interview mit"), not seen by it
_GIVEN_TO = re.compile(
    r"(?i:\btold\s+(?:the\s+)?|\b(?:sagte|sagt|erklärte|betonte|bestätigte)\b[^.;]{0,40}?\b(?:de[mr])\s+"
    r"|gegenüber\s+(?:de[mnr]\s+)?|interview\s+(?:with|mit)\s+(?:the\s+|de[mr]\s+)?|gespräch\s+mit\s+(?:de[mr]\s+)?"
    r"|\bto\s+(?:the\s+)?)(?:[\w-]+\s+){0,2}$"
)


@dataclass
class Quote:
    """A quotation: the text inside the marks, its span, speaker and outlet."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    outlet: str | None = None
    outlet_span: tuple[int, int] | None = None


def find_quoted(text: str) -> list[tuple[int, int]]:
    """Spans of the text inside quotation marks (the marks excluded)."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _CLOSERS and (ch != '"' or i == 0 or not text[i - 1].isalnum()):
            if ch in '"”' and (i + 1 >= n or text[i + 1].isspace()):
                i += 1
                continue
            closers = _CLOSERS[ch]
            j = i + 1
            limit = min(n, i + 1200)
            while j < limit and text[j] != "\n":
                if text[j] in closers and (text[j] != '"' or j + 1 >= n or not text[j + 1].isalnum()):
                    break
                j += 1
            if j < limit and text[j] in closers and j > i + 1:
                spans.append((i + 1, j))
                i = j + 1
                continue
        i += 1
    return spans


def _is_name_or_scare(text: str, start: int, end: int) -> bool:
    inner = text[start:end].strip()
    words = inner.split()
    if len(words) <= 1:
        # one word is a quote only as a lower-case word or after "spricht von einem": „zurückgeholt“, „Kahlschlag“
        cited = re.search(
            r"(?i:\b(?:von|of)\s+(?:einem|einer|einen|a|an)\s*[„“\"»«]?)$", text[max(0, start - 20) : start]
        )
        return not words or not (words[0][:1].islower() or cited)
    if end + 1 < len(text) and text[end + 1] == "-":
        return True  # „Buy Now, Pay Later“-Dienste: a quoted name in a compound
    capitalised = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return capitalised and len(words) <= 6 and not re.search(r"[.!?]$", inner)


def find_quotes(
    text: str,
    sentences: list[Sentence],
    people: list[Person],
    orgs: OrgIndex,
    focus: Callable[[Sentence, int | None], str | None],
) -> list[Quote]:
    """Quotations with a speaker; quotes nobody can be said to have spoken are dropped."""
    quotes: list[Quote] = []
    last: tuple[int, Quote] | None = None  # (sentence index, quote)
    for start, end in find_quoted(text):
        if _is_name_or_scare(text, start, end):
            continue
        s = next((x for x in sentences if x.start <= start - 1 < x.end or x.start <= start < x.end), None)
        if s is None:
            continue
        q = Quote(text[start:end].strip(), start, end)
        q.start = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        q.end = q.start + len(q.text)
        window_end = max(s.end, end + 1)
        after = text[end + 1 : min(len(text), end + 120)]
        before = text[s.start : start - 1]
        who = None
        if q.text.endswith(".") and not after.lstrip().startswith(","):
            # „…Satz.“ Der nächste Satz: what follows is the attribution only as "Das sagte X"
            after = after if _THAT_SAID.match(after) else ""
        if _AFTER_VERB.match(after):
            who = _speaker_in(
                text, end + 1, min(window_end + 80, end + 120), people, orgs, s, focus, first=True
            )
        elif named := _AFTER_NAME_VERB.match(after):
            who = _speaker_in(text, end + 1, end + 1 + named.end("who"), people, orgs, s, focus, first=True)
        if who is None and (
            before.rstrip().endswith(":")
            or _SPEECH_RE.search(before)
            or _SPEECH_RE.search(text[end + 1 : min(s.end, end + 60)])
        ):
            who = _speaker_in(text, s.start, start, people, orgs, s, focus, first=True)
            if who is None:
                who = _speaker_in(text, end, s.end, people, orgs, s, focus, first=True)
        if who is None and _SUBJUNCTIVE_RE.search(before + " " + text[end + 1 : s.end]):
            # reported speech goes on: the person named just before, else the last speaker
            prev = next((x for x in sentences if x.index == s.index - 1 and x.paragraph == s.paragraph), None)
            if prev is not None:
                who = _speaker_in(
                    text, prev.start, prev.end, people, orgs, prev, focus, first=True, people_only=True
                )
            if who is None and last is not None and last[0] >= s.index - 1 and last[1].speaker:
                who = (last[1].speaker, last[1].speaker_span)
            if who is None and prev is not None:
                who = _speaker_in(text, prev.start, prev.end, people, orgs, prev, focus, first=True)
        if who is None and _IN_DOCUMENT.match(after):
            # "„…“, heißt es in dem Beitrag": the author named last before it
            who = _speaker_in(
                text, max(0, start - 600), start, people, orgs, s, focus, first=False, people_only=True
            )
        block = _block_quote(text, start, end)
        if who is None and block and (intro := _intro(sentences, s)) is not None:
            # "Here are the key passages from Verlaine's memo:" and a paragraph that is all quote
            who = _speaker_in(
                text, intro.start, intro.end, people, orgs, intro, focus, first=True, people_only=True
            )
        goes_on = (
            who is None
            and last is not None
            and (
                (not before.strip() and _continues(text, last[1], start, s, people))
                or (block and last[1].speaker is not None and _next_block(text, last[1], start))
            )
        )  # only a quote that opens its sentence (or a paragraph of quotes) goes on from the last one
        if goes_on and last is not None:
            who = (last[1].speaker, last[1].speaker_span)  # "A," Delgado said. "B."
        if who is None or who[0] is None:
            continue
        q.speaker, q.speaker_span = who
        q.outlet, q.outlet_span = _outlet_in(text, orgs, s.start, max(s.end, end))
        if q.outlet is None and goes_on and last is not None:
            q.outlet, q.outlet_span = last[1].outlet, last[1].outlet_span
        prev = next((x for x in sentences if x.index == s.index - 1 and x.paragraph == s.paragraph), None)
        if q.outlet is None and prev is not None and _names(text, people, q.speaker, prev):
            # "Oyelaran sagte dem Branchendienst SaaS Weekly, … „…“, sagte Oyelaran."
            q.outlet, q.outlet_span = _outlet_in(text, orgs, prev.start, prev.end)
        quotes.append(q)
        last = (s.index, q)
    return quotes


def _speaker_in(
    text: str,
    start: int,
    end: int,
    people: list[Person],
    orgs: OrgIndex,
    sentence: Sentence,
    focus: Callable[[Sentence, int | None], str | None],
    *,
    first: bool,
    people_only: bool = False,
) -> tuple[str | None, tuple[int, int] | None] | None:
    """The first person named between start and end, else a company named or pointed to there."""
    hits = [(a, b, p.name) for p in people for a, b in p.mentions if start <= a and b <= end]
    if hits:
        a, b, name = sorted(hits)[0 if first else -1]
        return name, (a, b)
    if people_only:
        return None
    if re.match(r"^\W*(?:\w+\s+)?(?i:er|sie|he|she)\b", text[start:end]) or _PRONOUN_SPEAKS.search(
        text[start:end]
    ):
        # "sagte er dem Weserblick": the person named last before the quote, unless an unnamed spokesperson
        # was named after that person ("Ein Sprecher bestätigte ... „…“, sagte er")
        before = [(a, p.name, b) for p in people for a, b in p.mentions if start - 600 <= a < start]
        unnamed = [m for m in _UNNAMED_SPOKESPERSON.finditer(text, max(0, start - 600), start)]
        if unnamed and (not before or unnamed[-1].start() > max(before)[0]):
            org = orgs.get(focus(sentence, unnamed[-1].start()))
            if org is not None:
                return org.name, (unnamed[-1].start(), unnamed[-1].end())
        if before:
            a, name, b = max(before)
            return name, (a, b)
    titled = re.match(
        r"^\W*(?:\w+\s+)?(?:der|die|the)\s+(?:\w+['’]s\s+)?([\w-]+(?:\s+[\w-]+)?)", text[start:end]
    )
    label = None
    if titled:  # "the CEO", "the company's chief executive", "die Vorstandschefin"
        label = role_label(titled.group(1)) or role_label(titled.group(1).split()[0])
    holders = [p for p in people if label and p.role == label]
    if len(holders) == 1:  # "versicherte der Geschäftsführer": the one person with that role
        return holders[0].name, (start + titled.start(1), start + titled.end(1))
    org_hits = [m for m in orgs.in_range(start, end) if orgs.orgs[m.key].kind not in NOT_ACTORS]
    if org_hits:
        m = org_hits[0]
        return orgs.orgs[m.key].name, (m.start, m.end)
    segment = text[start:end]
    anaphor = re.search(
        r"(?i:\b(?:der|das|die|the)\s+(?:konzern|unternehmen|firma|company|firm|group)\b)", segment
    ) or _UNNAMED_SPOKESPERSON.search(segment)
    if anaphor:
        key = focus(sentence, start + anaphor.start())
        org = orgs.get(key)
        if org is not None:
            return org.name, (start + anaphor.start(), start + anaphor.end())
    return None


_IN_DOCUMENT = re.compile(
    r"^\s*[,–—-]?\s*(?:heißt es in (?:dem|der|einem|einer|seinem|ihrem)\s+(?:\w+\s+)?(?:beitrag|post|brief|schreiben|memo"
    r"|e-mail|mail|mitteilung|nachricht|blogeintrag|blogbeitrag)|(?:the|his|her) (?:memo|post|letter|email) (?:said|reads|read))\b",
    re.I,
)


def _block_quote(text: str, start: int, end: int) -> bool:
    """A paragraph that is all quotation (its marks open and close the paragraph)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start : start - 1].strip() and not text[end + 1 : line_end].strip(" .\t")


def _intro(sentences: list[Sentence], s: Sentence) -> Sentence | None:
    """The sentence that ends the paragraph before with a colon ("Here are the key passages of the memo:")."""
    before = [x for x in sentences if x.paragraph == s.paragraph - 1]
    return before[-1] if before and before[-1].text.rstrip().endswith(":") else None


def _next_block(text: str, prev: Quote, start: int) -> bool:
    """The quote is the next paragraph after a paragraph that was all quotation."""
    between = text[prev.end + 1 : start - 1]
    return _block_quote(text, prev.start, prev.end) and not between.strip() and between.count("\n") <= 2


def _continues(text: str, prev: Quote, start: int, s: Sentence, people: list[Person]) -> bool:
    """A quote that goes on from the previous one: same paragraph, at most the attribution in between,
    and no other person named there."""
    if prev.speaker is None or not 0 < start - prev.end <= 160 or "\n" in text[prev.end : start]:
        return False
    between = (prev.end, start)
    return (
        not any(between[0] <= a < between[1] for p in people if p.name != prev.speaker for a, _ in p.mentions)
        and s.start <= start
    )


def _outlet_in(text: str, orgs: OrgIndex, start: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
    """The outlet a statement between start and end was given to ("told Reuters", "sagte dem X")."""
    for m in orgs.in_range(start, end):
        if orgs.orgs[m.key].kind == "outlet" and _GIVEN_TO.search(text[max(start, m.start - 60) : m.start]):
            return orgs.orgs[m.key].name, (m.start, m.end)
    return None, None


def _names(text: str, people: list[Person], speaker: str | None, s: Sentence) -> bool:
    return any(p.name == speaker and any(s.start <= a < s.end for a, _ in p.mentions) for p in people)
