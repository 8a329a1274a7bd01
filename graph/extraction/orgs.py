"""Organisation mentions: known names, legal forms, appositions ("der Chemiekonzern BASF"),
compounds ("Amazon-Chef"), lists ("Unternehmen wie Nvidia und Microsoft"), outlets ("gegenüber
dem Technikportal The Verge", "told Reuters"), regulators, aliases in parentheses, and owners of
units and brands ("die Cloud-Sparte AWS", "Instagram-Mutter Meta", "a unit of")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from firmgraph.graph.extraction.gazetteer import AMBIGUOUS_SURFACES, BY_NAME, SURFACES
from firmgraph.graph.extraction.lexicon import CUT, LEGAL_SUFFIX, NEUTRAL, ORG_HEAD_DE, ORG_HEAD_EN, PLAN
from firmgraph.graph.extraction.names import (
    CAP_WORD,
    GENERIC_PREFIXES,
    NAME,
    is_common_noun,
    name_key,
    plausible_name,
    strip_legal,
)

_GAZ_RE = re.compile(
    r"(?<![\w&@#/.-])("
    + "|".join(re.escape(s) for s in sorted(SURFACES, key=len, reverse=True))
    + r")(?![\w&]|-[a-z])"
)
_LEGAL_RE = re.compile(rf"(?<![\w-])({NAME}),?\s+(?:{LEGAL_SUFFIX})(?![\w])")
_HEAD_DE_RE = re.compile(
    rf"(?<![\w-])(?:[Dd](?:er|ie|as|em|en|es)|beim|vom|zum|zur|[Ee]in(?:e[mnrs]?)?|[Ss]eine[mnrs]?|[Ii]hre[mnrs]?)\s+"
    rf"(?:[a-zäöü][\w-]*\s+){{0,2}}(?i:[\w-]*(?:{ORG_HEAD_DE}))\s+({NAME})"
)
_HEAD_EN_RE = re.compile(
    rf"(?<![\w-])(?:[a-z][\w-]*\s+){{0,2}}(?:{ORG_HEAD_EN})s?\s+({NAME})(?=[\s,.;:)]|['’]s|$)"
)
_COMPOUND_RE = re.compile(
    rf"(?<![\w-])({CAP_WORD})-(?:Chef|Chefin|Konzern|Tochter|Mutter|Mutterkonzern|Sprecher|Sprecherin|Vorstand"
    rf"|Vorständin|Gründer|Gründerin|Mitarbeiter\w*|Beschäftigte\w*|Belegschaft|Aktie\w*|Werk\w*|Standort\w*|Zentrale"
    rf"|Management|Manager\w*|Führung|Betriebsrat\w*|Boss|Finanzchef\w*|Personalchef\w*|Personalvorst\w*|Aufsichtsrat\w*"
    rf"|Sparte|Chefs|Eigentümer|Tochterfirma|Tochtergesellschaft|Stellenabbau|Kahlschlag|Kürzungen)(?![\w])"
)
_POSSESSIVE_RE = re.compile(
    rf"(?<![\w-])({NAME})['’]s\s+(?:[a-z-]+\s+)?(?:chief|ceo|cfo|boss|founder|workforce|employees|staff|shares|stock"
    rf"|board|spokes\w+|plan|decision|layoffs|job cuts|cuts|headquarters|division|unit|business|restructuring|head"
    rf"|president|chair\w*|revenue|profit|latest|largest|biggest|move|announcement|filing|memo|blog|statement)(?![\w])"
)
_LIST_RE = re.compile(
    rf"(?:(?:Unternehmen|Konzerne|Firmen|Techkonzerne|Tech-Konzerne|Konkurrenten|Rivalen|Wettbewerber|Anbieter|Banken"
    rf"|Hersteller|companies|firms|rivals|competitors|peers|giants|groups)\s+(?:wie|such as|like|including|darunter)"
    rf"|(?:darunter|including|such as))\s+({NAME}(?:\s*(?:,|und|and|sowie|oder|or)\s+{NAME})*)"
)
_SUBJECT_RE = re.compile(
    rf"(?:^|[.:;!?]\s+|\b(?:dass|weil|nachdem|während|when|after|as|while|that|und|and)\s+)({NAME})\s+"
    rf"(?i:(?:(?:will|wollen|plant|plans|planning|muss|soll|wird|hat|hatte|is|has|had|said|says|announced|kündigt\w*"
    rf"|verkündet\w*)\b[^.;:!?\n]{{0,80}}?)?(?<![\w])(?:{CUT}|{NEUTRAL}|{PLAN}))",
    re.M,
)
_BEI_RE = re.compile(rf"(?<![\w-])(?:bei|von|für|gegen|at|for|from)\s+({CAP_WORD})(?=[\s,.;:)])")
_OUTLET_RE = re.compile(
    rf"(?:gegenüber\s+(?:de[mnr]|die)\s+(?:[\w-]*(?:portal|magazin|zeitung|blatt|sender|agentur|dienst|medium|"
    rf"nachrichtenseite|website|plattform)\s+)?|told\s+(?:the\s+)?|(?:interview|gespräch)\s+(?:with|mit)\s+(?:the\s+|de[mnr]\s+)?"
    rf"|according to\s+(?:the\s+)?|reported by\s+(?:the\s+)?|(?:berichtet\w*|meldet\w*|schreibt|schrieb)\s+(?:die|der|das)\s+"
    rf"|(?:laut|wie)\s+(?:de[mnr]|die|das)\s+(?:[\w-]*(?:portal|magazin|zeitung|blatt|sender|agentur|dienst)\s+))"
    rf"({NAME})"
)
_PAREN_ALIAS_RE = re.compile(rf"({NAME})\s+\(([A-Z][A-Za-z0-9&.-]{{1,9}})\)")
_OWNER_PATTERNS = [
    # Amazon-Tochter Twitch: the first name owns the second
    (re.compile(rf"({CAP_WORD})-(?:Tochter\w*|Sparte|Marke|Einheit|Kernmarke)\s+({NAME})"), 1, 2),
    # Instagram-Mutter Meta: the second name owns the first
    (re.compile(rf"({CAP_WORD})-(?:Mutter\w*|Eigentümer\w*|Besitzer)\s+({NAME})"), 2, 1),
    # Twitch, a unit of Amazon / owned by / part of
    (
        re.compile(
            rf"({NAME}),?\s+(?:a|an|the)\s+(?:\w+\s+)?(?:unit|subsidiary|division|brand|arm|business)\s+of\s+({NAME})"
        ),
        2,
        1,
    ),
    (re.compile(rf"({NAME}),?\s+(?:which is\s+)?owned by\s+({NAME})"), 2, 1),
    (re.compile(rf"({NAME})['’]s\s+(?:[\w-]+\s+)?(?:unit|subsidiary|division|arm|brand)\s+({NAME})"), 1, 2),
    (re.compile(rf"({NAME}),?\s+(?:die|das|der)\s+zu\s+({NAME})\s+gehör"), 2, 1),
    (
        re.compile(
            rf"({NAME}),?\s+(?:eine|die|das|der)\s+(?:\w+\s+)?(?:Tochter\w*|Sparte|Marke)\s+(?:von|des)\s+({NAME})"
        ),
        2,
        1,
    ),
]
_UNIT_OF_FOCUS_RE = re.compile(
    rf"(?:[\w]+-)?(?:Sparte|Tochter|Tochterfirma|Tochtergesellschaft|Geschäftsbereich|Einheit|Marke|Division)\s+({NAME})"
    rf"|(?:its|seine[rmn]?|ihre[rmn]?)\s+(?:[\w-]+\s+)?(?:unit|subsidiary|division|brand|Tochter\w*|Sparte)\s+({NAME})"
)


@dataclass
class Org:
    """An organisation the article names, with every place it is named."""

    key: str
    name: str
    kind: str = "company"
    aliases: set[str] = field(default_factory=set)
    parent: str | None = None
    parent_span: tuple[int, int] | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    outlet_evidence: bool = False


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    key: str


class OrgIndex:
    """The organisations of one document and where they are mentioned."""

    def __init__(self, orgs: dict[str, Org], mentions: list[Mention]) -> None:
        self.orgs = orgs
        self.mentions = sorted(mentions, key=lambda m: m.start)

    def in_range(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def get(self, key: str | None) -> Org | None:
        return self.orgs.get(key) if key else None

    def key_of(self, name: str) -> str | None:
        k = name_key(name)
        if k in self.orgs:
            return k
        for org in self.orgs.values():
            if k in {name_key(a) for a in org.aliases}:
                return org.key
        return None


def find_orgs(text: str, *, publisher: str | None = None, people_names: set[str] | None = None) -> OrgIndex:
    """All organisations named in `text` (the page's own publisher excluded)."""
    people_names = people_names or set()
    candidates: dict[str, Org] = {}
    support: Counter[str] = Counter()

    def add(name: str, kind: str = "company", *, strict: bool = True, known: bool = False) -> str | None:
        name = " ".join(name.split()).strip(" ,.;:")
        name = re.sub(r"['’]s$", "", name)
        base = strip_legal(name)
        if not known and (not plausible_name(base, strict=strict) or base in people_names):
            return None
        key = name_key(base)
        if not key:
            return None
        org = candidates.get(key)
        if org is None:
            entry = BY_NAME.get(SURFACES[base].name) if base in SURFACES else None
            org = Org(key, entry.name if entry else base, entry.kind if entry else kind)
            candidates[key] = org
        if name != org.name:
            org.aliases.add(name)
        if kind == "outlet":
            org.outlet_evidence = True
            if org.kind == "company":
                org.kind = "outlet"
        support[key] += 1
        return key

    for m in _GAZ_RE.finditer(text):
        surface = m.group(1)
        entry = SURFACES[surface]
        key = name_key(entry.name)
        if key not in candidates:
            candidates[key] = Org(key, entry.name, entry.kind)
        if surface != entry.name:
            candidates[key].aliases.add(surface)
        if surface not in AMBIGUOUS_SURFACES:
            support[key] += 2
    for m in _LEGAL_RE.finditer(text):
        full = text[m.start() : m.end()]
        name = _trim_leading(m.group(1))
        if name:
            key = add(name, strict=False)
            if key and full.strip() != name:
                candidates[key].aliases.add(_trim_leading(full) or full)
    for pattern, strict in (
        (_HEAD_DE_RE, True),
        (_HEAD_EN_RE, False),
        (_COMPOUND_RE, True),
        (_POSSESSIVE_RE, True),
    ):
        for m in pattern.finditer(text):
            name = _first_name_part(m.group(1))
            if name and name not in GENERIC_PREFIXES and not _is_outlet_head(text, m):
                add(name, strict=strict)
    for m in _OUTLET_RE.finditer(text):
        name = _first_name_part(m.group(1))
        if name and not _looks_like_person(name, people_names):
            add(name, "outlet", strict=True)
    for m in _LIST_RE.finditer(text):
        for part in re.split(r"\s*(?:,|\bund\b|\band\b|\bsowie\b|\boder\b|\bor\b)\s*", m.group(1)):
            if part.strip():
                add(part, strict=True)
    # weak evidence: the subject of a cut ("Pinterest streicht"), or after a preposition ("bei Klarna")
    for pattern, min_hits, min_occurrences in ((_SUBJECT_RE, 1, 2), (_BEI_RE, 2, 3)):
        weak: Counter[str] = Counter()
        for m in pattern.finditer(text):
            name = _first_name_part(m.group(1))
            if name and plausible_name(name, strict=True) and name not in people_names:
                weak[name] += 1
        for name, count in weak.items():
            occurrences = len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w])", text))
            if count >= min_hits and occurrences >= min_occurrences and not is_common_noun(name.split()[0]):
                add(name, strict=True)
    for m in _PAREN_ALIAS_RE.finditer(text):
        key = name_key(m.group(1))
        if key in candidates:
            candidates[key].aliases.add(m.group(2))
    # ambiguous known names need support beyond the bare word
    orgs = {k: o for k, o in candidates.items() if support[k] >= 1 or _supported(text, o)}
    if publisher:
        pub = name_key(publisher)
        orgs = {k: o for k, o in orgs.items() if k != pub and pub not in {name_key(a) for a in o.aliases}}
    mentions = _mentions(text, orgs)
    _parents(text, orgs, mentions)
    return OrgIndex(orgs, mentions)


def _supported(text: str, org: Org) -> bool:
    forms = [org.name, *org.aliases]
    for form in forms:
        count = len(re.findall(rf"(?<![\w-]){re.escape(form)}(?![\w])", text))
        if count >= 3 or (form.isupper() and len(form) >= 3 and count >= 1):
            return True
    return False


def _mentions(text: str, orgs: dict[str, Org]) -> list[Mention]:
    forms = {f: o.key for o in orgs.values() for f in (o.name, *o.aliases)}
    if not forms:
        return []
    pattern = re.compile(
        r"(?<![\w&@#/.-])("
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?:s\b)?(?![\w&]|-[a-z])"
    )
    found = []
    for m in pattern.finditer(text):
        key = forms[m.group(1)]
        found.append(Mention(m.start(1), m.end(1), key))
        orgs[key].mentions.append((m.start(1), m.end(1)))
    return found


def _parents(text: str, orgs: dict[str, Org], mentions: list[Mention]) -> None:
    by_form = {name_key(f): o for o in orgs.values() for f in (o.name, *o.aliases)}
    for pattern, owner_group, unit_group in _OWNER_PATTERNS:
        for m in pattern.finditer(text):
            owner = by_form.get(name_key(_first_name_part(m.group(owner_group)) or ""))
            unit = by_form.get(name_key(_first_name_part(m.group(unit_group)) or ""))
            if owner and unit and owner is not unit and unit.parent is None:
                unit.parent = owner.name
                unit.parent_span = (m.start(), m.end())
    for org in orgs.values():
        if org.parent is None and org.name in BY_NAME:
            parent = BY_NAME[org.name].parent
            if parent and name_key(parent) in orgs:
                org.parent = orgs[name_key(parent)].name
    for m in _UNIT_OF_FOCUS_RE.finditer(text):
        unit = by_form.get(name_key(_first_name_part(m.group(1) or m.group(2)) or ""))
        if unit is None or unit.parent:
            continue
        before = [
            x for x in mentions if x.end <= m.start() and orgs[x.key].kind == "company" and x.key != unit.key
        ]
        sentence_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()))
        owner_mentions = [x for x in before if x.start > sentence_start - 400]
        if owner_mentions:
            owner = orgs[owner_mentions[-1].key]
            if owner.parent is None:
                unit.parent = owner.name
                unit.parent_span = (m.start(), m.end())


_LEAD_WORDS = re.compile(
    rf"^(?:(?:Der|Die|Das|The|A|An|Auch|Nun|Jetzt|Doch|Laut|Bei|Für|Von|Mit|Nach|Wie|Als|Während|Because|While|When"
    rf"|After|Before|Since|Insider|Rivale|Konkurrent|[\w-]*(?:{ORG_HEAD_DE}))\s+)+",
    re.I,
)


def _trim_leading(name: str) -> str:
    trimmed = _LEAD_WORDS.sub("", name).strip()
    tokens = trimmed.split()
    while tokens and is_common_noun(tokens[0]) and len(tokens) > 1:
        tokens = tokens[1:]
    return " ".join(tokens)


def _first_name_part(name: str) -> str:
    """Cut a greedy capitalised run back to the name ("Bosch Stellen" -> "Bosch")."""
    tokens = name.split()
    kept: list[str] = []
    for i, tok in enumerate(tokens):
        if tok.isdigit() or (i > 0 and (is_common_noun(tok) or tok in {"CEO", "CFO", "KI", "AI", "Chief"})):
            break
        kept.append(tok)
    while kept and kept[-1] in {"&", "und", "and", "of", "de", "von", "der", "for", "+"}:
        kept.pop()
    return " ".join(kept)


def _is_outlet_head(text: str, m: re.Match[str]) -> bool:
    return bool(re.search(r"(?:portal|magazin|zeitung|blatt|sender|agentur|outlet|newspaper|magazine)\s+\S+$",
                          text[m.start() : m.start(1) + 1], re.I))  # fmt: skip


def _looks_like_person(name: str, people_names: set[str]) -> bool:
    return name in people_names or any(name.endswith(" " + p.split()[-1]) for p in people_names)
