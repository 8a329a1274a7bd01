"""Which company a sentence is about: explicit names, anaphors ("der Konzern", "the company",
"die Bilderplattform") and the running topic; names in comparisons ("wie Nvidia", "such as
Google") and outlets or regulators are never the topic."""

from __future__ import annotations

import re
from dataclasses import dataclass

from firmgraph.graph.extraction.rules.gazetteer import NOT_ACTORS
from firmgraph.graph.extraction.rules.lexicon import ORG_HEAD_DE, ORG_HEAD_EN
from firmgraph.graph.extraction.rules.orgbase import Mention
from firmgraph.graph.extraction.rules.orgs import OrgIndex
from firmgraph.graph.extraction.rules.text import Sentence

_ANAPHOR = re.compile(
    rf"(?<![\w-])(?:(?i:das|dem|des|der|die|den)\s+(?:[a-zäöü][\w-]*\s+)?(?:[\w-]*(?i:{ORG_HEAD_DE})s?)"
    rf"|(?i:the)\s+(?:[a-z][\w-]*\s+)?(?:{ORG_HEAD_EN}))(?![\w-])(?!\s+[A-ZÄÖÜ][\w&.-]*(?:\s|,|$))"
)
_COMPARISON_BEFORE = re.compile(
    r"(?:\bwie\b|\bsuch as\b|\blike\b|\bincluding\b|\bdarunter\b|\bähnlich\b|\bunlike\b|\bbeispielsweise\b"
    r"|\betwa\b|\bals\b|\bthan\b|\bfollowing\b|\bnach\b|\bauch bei\b)\s*$",
    re.I,
)
_LIST_GLUE = re.compile(
    r"(?:\s*(?:,|\bund\b|\band\b|\bsowie\b|\boder\b|\bor\b)\s*[A-ZÄÖÜ][\w&.-]*(?:\s+[A-ZÄÖÜ][\w&.-]*)*)+\s*$"
)

_OWNER_BEFORE = re.compile(
    r"(?:\b(?:unit|subsidiary|division|brand|arm|business|affiliate)\s+of|(?:owned|controlled|acquired|bought)\s+by"
    r"|(?i:tochter\w*|sparte|marke|einheit)\s+(?:von|des|der))\s+(?:the\s+)?$"
)
_RELATIVE_OWNER = re.compile(r"\bzu (?:der|dem|denen)\b[^,.;]{0,80}$")
_POSSESSED = re.compile(r"\b(?:its|their|seine[nmrs]?|ihre[nmrs]?)\s+(?:[\w-]+\s+)?$")
OWNER_AFTER = re.compile(
    r"^(?:['’]s\s+(?:[\w-]+\s+){0,2}(?:unit|subsidiary|division|brand|arm)\b|-(?:Tochter|Sparte|Marke|Einheit)\w*\s)"
)


# "in a LinkedIn post", "auf LinkedIn": a platform named as the medium of the news
_MEDIUM_AFTER = re.compile(
    r"[- ]?(?:post|posts|posting|beitrag|video|podcast|account|profile|page|thread)\b", re.I
)
_MEDIUM_BEFORE = re.compile(r"\b(?:on|auf|via)\s+$", re.I)
_TALLY_BEFORE = re.compile(
    r"\b(?:tally|count|analysis|survey|study|estimates?|data|research|calculations?|zählung|analyse|umfrage|studie"
    r"|erhebung|berechnung\w*|schätzung\w*|auswertung|daten)\s+(?:by|from|of|von|der|des|vom)\s+"
    r"(?:(?:the|die|der|des|dem|consultancy|consulting firm|research firm|beratungs\w*|unternehmensberatung)\s+)*$",
    re.I,
)


@dataclass(frozen=True)
class Reference:
    """A place in a sentence that names or points to a company."""

    start: int
    end: int
    key: str
    explicit: bool


class Discourse:
    """Company references per sentence and the topic that carries from sentence to sentence."""

    def __init__(self, text: str, sentences: list[Sentence], orgs: OrgIndex, primary: str | None) -> None:
        self.text = text
        self.sentences = sentences
        self.orgs = orgs
        self.primary = primary
        self.refs: dict[int, list[Reference]] = {}
        self.topic: dict[int, str | None] = {}
        self._build()

    def _is_actor(self, m: Mention) -> bool:
        org = self.orgs.orgs[m.key]
        if org.kind in NOT_ACTORS:
            return False
        before = self.text[max(0, m.start - 120) : m.start]
        if _MEDIUM_AFTER.match(self.text[m.end : m.end + 20]) or _MEDIUM_BEFORE.search(before):
            return False  # "in a LinkedIn post", "auf LinkedIn": the medium of the news, not its actor
        if _TALLY_BEFORE.search(before):
            return False  # "according to a tally by the consultancy X": who counted, not who cuts
        if _RELATIVE_OWNER.search(before) and re.match(r"[^.;]{0,40}\bgehör", self.text[m.end : m.end + 50]):
            return False  # "die Ostermann Gruppe, zu der neben Velatec auch Pfeilmann gehört, hatte ..."
        if _POSSESSED.search(before) and m.key != self.primary:
            return False  # "will close its Corvid Games studio": a thing the actor owns
        if _OWNER_BEFORE.search(before) or OWNER_AFTER.match(self.text[m.end : m.end + 60]):
            return False  # "the EV brand of Aldana", "owned by Brightloop", "Ostermann-Tochter Velatec"
        before = _LIST_GLUE.sub("", before)
        return not _COMPARISON_BEFORE.search(before)

    def _build(self) -> None:
        topic = self.primary
        paragraph = -1
        for s in self.sentences:
            if s.paragraph != paragraph:
                paragraph = s.paragraph
                topic = self.primary if self.primary else topic
            refs: list[Reference] = []
            last_explicit: str | None = None
            events: list[tuple[int, int, str | None, bool]] = []
            for m in self.orgs.in_range(s.start, s.end):
                if self._is_actor(m):
                    events.append((m.start, m.end, m.key, True))
            for a in _ANAPHOR.finditer(s.text):
                start, end = s.at(a.start(), a.end())
                if not any(start <= e[0] < end for e in events):
                    events.append((start, end, None, False))
            for start, end, key, explicit in sorted(events):
                if key is None:
                    key = last_explicit or topic
                    if key is None:
                        continue
                else:
                    last_explicit = key
                refs.append(Reference(start, end, key, explicit))
            self.refs[s.index] = refs
            self.topic[s.index] = topic
            explicit_refs = [r for r in refs if r.explicit]
            if explicit_refs:
                topic = explicit_refs[0].key

    def focus(self, sentence: Sentence, pos: int | None = None) -> str | None:
        """The company a position in the sentence is about (nearest reference before, else after, else topic)."""
        refs = self.refs.get(sentence.index, [])
        if pos is not None:
            before = [r for r in refs if r.end <= pos]
            if before:
                return before[-1].key
            after = [r for r in refs if r.start >= pos]
            if after:
                return after[0].key
        elif refs:
            return refs[0].key
        return self.topic.get(sentence.index)

    def mentions_org(self, sentence: Sentence) -> bool:
        """Whether the sentence names or points to a company itself (not only by carried topic)."""
        return bool(self.refs.get(sentence.index))
