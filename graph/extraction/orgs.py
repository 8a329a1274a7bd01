"""Organisation mentions: known names, legal forms, appositions ("der Chemiekonzern BASF"),
compounds ("Amazon-Chef"), lists ("Unternehmen wie Nvidia und Microsoft"), outlets ("gegenüber
dem Technikportal The Verge", "told Reuters"), regulators, aliases in parentheses, and owners of
units and brands ("die Cloud-Sparte AWS", "Instagram-Mutter Meta", "a unit of")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from firmgraph.graph.extraction.gazetteer import AMBIGUOUS_SURFACES, BY_NAME, SURFACES
from firmgraph.graph.extraction.lexicon import (
    AGENCY_WORDS,
    CUT,
    LEGAL_SUFFIX,
    NEUTRAL,
    ORG_HEAD_DE,
    ORG_HEAD_EN,
    ORG_WORDS,
    OUTLET_WORDS,
    PLAN,
    REGION_WORDS,
    UNION_WORDS,
    role_label,
    words,
)
from firmgraph.graph.extraction.names import (
    CAP_WORD,
    CONNECTOR_WORDS,
    GENERIC_PREFIXES,
    NAME,
    NOT_NAMES_LEAD,
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
    rf"|(?:sagte|sagt|erklärte|bestätigte|betonte)\s+(?:er|sie)\s+de[mr]\s+"
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
            rf"({NAME}),?\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?(?:unit|subsidiary|division|brand|arm|business)\s+of\s+"
            rf"(?:the\s+)?({NAME})"
        ),
        2,
        1,
    ),
    (
        re.compile(
            rf"({NAME}),?\s+(?:(?:which|that) (?:is|has been) |(?:the|a|an) [^,.;]{{0,40}}? )?(?:majority[- ]|wholly[- ])?"
            rf"(?:owned|controlled|acquired|bought) by\s+({NAME})"
        ),
        2,
        1,
    ),
    (
        re.compile(
            rf"({NAME}),?\s+(?:which|that) (?:bought|acquired|owns|also owns)\s+(?:the\s+[\w-]+\s+)?({NAME})"
        ),
        1,
        2,
    ),
    # Amazon Web Services (AWS), Amazon's cloud unit
    (
        re.compile(
            rf"({NAME})(?:\s+\([^)]{{1,12}}\))?,\s+({NAME})['’]s\s+(?:[\w-]+\s+){{0,2}}"
            rf"(?:unit|subsidiary|division|arm|brand|business)\b"
        ),
        2,
        1,
    ),
    # Lindhoff gehört seit 2022 mehrheitlich dem Finanzinvestor Carrow Partners / zum finnischen Kallio-Konzern
    (
        re.compile(
            rf"({NAME})\s+gehört\s+(?:seit\s+\S+\s+)?(?:(?:mehrheitlich|komplett|vollständig|inzwischen|nun)\s+)?"
            rf"(?:zu[mr]?|de[mr])\s+(?:[a-zäöü][\w-]*\s+){{0,2}}({NAME})"
        ),
        2,
        1,
    ),
    (
        re.compile(rf"({NAME})['’]s\s+(?:[\w.-]+\s+)?(?:unit|subsidiary|division|arm|brand),?\s+({NAME})"),
        1,
        2,
    ),
    (re.compile(rf"({NAME}),?\s+(?:die|das|der)\s+zu\s+({NAME})\s+gehör"), 2, 1),
    (
        re.compile(
            rf"({NAME}),?\s+(?:eine|die|das|der)\s+(?:\w+\s+)?(?:Tochter\w*|Sparte|Marke)\s+(?:von|des|der)\s+({NAME})"
        ),
        2,
        1,
    ),
]
_UNIT_WORD_RE = re.compile(
    r"(?i:sparte|tochter\w*|geschäftsbereich|einheit|marke|division|unit|subsidiary|brand)\s+(?=[A-ZÄÖÜ0-9])"
)
_NAME_AT = re.compile(NAME)


def _unit_of_focus(text: str) -> list[re.Match[str]]:
    """Names right after a unit word ("die Cloud-Sparte AWS", "Diagnostiktochter Lumeno", "its unit Twitch")."""
    found = []
    for m in _UNIT_WORD_RE.finditer(text):
        word = m.group(0).split()[0].lower()
        if word in {"unit", "subsidiary", "brand", "division"} and not re.search(
            r"(?i:its|seine[rmn]?|ihre[rmn]?)\s+(?:[\w-]+\s+)?$", text[max(0, m.start() - 30) : m.start()]
        ):
            continue
        name = _NAME_AT.match(text, m.end())
        if name:
            found.append(name)
    return found


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
        if not known:
            name = _strip_descriptor(name)
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
            if name and role_label(name.split()[0]):
                continue  # "brand CEO Lucas Ferrand"
            if name and name not in GENERIC_PREFIXES and not _is_outlet_head(text, m):
                add(name, strict=strict)
    for m in _OUTLET_RE.finditer(text):
        name = _first_name_part(m.group(1))
        if name and not _looks_like_person(name, people_names) and not re.search(r"\d", name):
            add(name, "outlet", strict=True)
    for m in _LIST_RE.finditer(text):
        for part in re.split(r"\s*(?:,|\bund\b|\band\b|\bsowie\b|\boder\b|\bor\b)\s*", m.group(1)):
            if part.strip():
                add(part, strict=True)
    for m in _APPOSITION_RE.finditer(text):
        name = _first_name_part(m.group(1))
        if name and not _looks_like_person(name, people_names):
            add(name, strict=True)
    for m in _RUN_RE.finditer(text):
        found = _named_by_last_word(m.group(0))
        if found and not _looks_like_person(found[0], people_names):
            key = add(found[0], found[1], strict=False)
            surface = m.group(0).split(None, len(m.group(0).split()) - len(found[0].split()))[-1]
            if key and surface != candidates[key].name:
                candidates[key].aliases.add(surface)  # "Süddeutschen Zeitung" for "Süddeutsche Zeitung"
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
    # a unit or owner named beside a known firm ("Vireo, the electric-vehicle brand of Aldana Motor Group")
    owner_matches = _owner_matches(text)
    for m, owner_group, unit_group in owner_matches:
        if any(role_label(m.group(g).split()[0]) for g in (owner_group, unit_group)):
            continue  # "brand CEO Lucas Ferrand": a person
        sides = [
            _strip_descriptor(
                _trim_leading(re.sub(r"-(?:Konzern|Gruppe|Group)\w*$", "", _first_name_part(m.group(g))))
            )
            for g in (owner_group, unit_group)
        ]
        known = [name_key(x) in candidates for x in sides]
        if any(known) and not all(known):
            other = sides[known.index(False)]
            if other and other not in GENERIC_PREFIXES and not _looks_like_person(other, people_names):
                add(other, strict=True)
    # ambiguous known names need support beyond the bare word
    orgs = {k: o for k, o in candidates.items() if support[k] >= 1 or _supported(text, o)}
    if publisher:
        pub = name_key(publisher)
        orgs = {k: o for k, o in orgs.items() if k != pub and pub not in {name_key(a) for a in o.aliases}}
    _short_forms(text, orgs)
    _parents(text, orgs, _mentions(text, orgs), owner_matches)
    _consolidate(text, orgs)
    for org in orgs.values():
        org.mentions = []
    mentions = _mentions(text, orgs)
    _stem_parents(orgs)
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


def _parents(
    text: str,
    orgs: dict[str, Org],
    mentions: list[Mention],
    owner_matches: list[tuple[re.Match[str], int, int]],
) -> None:
    by_form = {name_key(f): o for o in orgs.values() for f in (o.name, *o.aliases)}
    for m, owner_group, unit_group in owner_matches:
        owner = by_form.get(_form_key(m.group(owner_group)))
        unit = by_form.get(_form_key(m.group(unit_group)))
        if owner and unit and owner is not unit and unit.parent is None:
            unit.parent = owner.name
            unit.parent_span = (m.start(), m.end())
    for org in orgs.values():
        if org.parent is None and org.name in BY_NAME:
            parent = BY_NAME[org.name].parent
            if parent and name_key(parent) in orgs:
                org.parent = orgs[name_key(parent)].name
    for m in _unit_of_focus(text):
        unit = by_form.get(_form_key(m.group(0)))
        if unit is None or unit.parent:
            continue
        before = [
            x for x in mentions if x.end <= m.start() and orgs[x.key].kind == "company" and x.key != unit.key
        ]
        sentence_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()))
        owner_mentions = [x for x in before if x.start > sentence_start - 400]
        owner_mentions = [x for x in owner_mentions if orgs[x.key].parent is None]
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


_RUN_RE = re.compile(rf"(?<![\w-]){NAME}")
# "Orbitel, the Dublin-based maker of billing software", "Velatec, ein Softwarehaus aus Stuttgart"
_APPOSITION_RE = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))({NAME}),\s+(?:the|a|an|der|die|das|ein|eine)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:{ORG_HEAD_EN}|maker|(?i:[\w-]*(?:{ORG_HEAD_DE})))\b",
    re.M,
)
_DESCRIPTORS = words(
    """Rival Rivals Competitor Peer Analysts Analyst Shares Konkurrent Konkurrenten Wettbewerber Rivale Tochter
    Sparte Marke Investor Finanzinvestor Lender Retailer Insurer Publisher Bank Konzern Hersteller Startup"""
)
_COMPOUND_HEAD = re.compile(
    rf"(?i:[\w-]{{3,}}(?:{ORG_HEAD_DE}))|[\w]+-(?:Sparte|Tochter\w*|Marke|Einheit|Mutter|Konzern|Chef\w*|Unit)"
)


def _strip_descriptor(name: str) -> str:
    """ "Drogeriekette Lindhoff" -> "Lindhoff", "Rival Brookfield Savings" -> "Brookfield Savings"."""
    tokens = name.split()
    heads = [i for i, t in enumerate(tokens[:-1]) if t[:1].isupper() and _COMPOUND_HEAD.fullmatch(t)]
    if heads and not re.fullmatch(CONNECTOR_WORDS, tokens[heads[-1] + 1]):
        tokens = tokens[heads[-1] + 1 :]  # "Stuttgarter Softwarefirma Velatec" -> "Velatec"
    while (
        len(tokens) > 1
        and not re.fullmatch(CONNECTOR_WORDS, tokens[1])
        and (tokens[0] in _DESCRIPTORS or tokens[0] in NOT_NAMES_LEAD or _COMPOUND_HEAD.fullmatch(tokens[0]))
    ):
        tokens = tokens[1:]
    return " ".join(tokens)


_LAST_WORDS = ORG_WORDS | UNION_WORDS | AGENCY_WORDS | OUTLET_WORDS


def _named_by_last_word(run: str) -> tuple[str, str] | None:
    """A capitalised run whose last word names a kind of organisation ("Gresham Steel", "Verdi Union")."""
    tokens = run.split()
    if tokens[-1] not in _LAST_WORDS and tokens[-1].rsplit("-", 1)[-1] not in OUTLET_WORDS:
        return None  # "Gresham Steel", "Süddeutsche Zeitung", "Kölner Stadt-Anzeiger"
    if (
        tokens[-1].rsplit("-", 1)[-1] in OUTLET_WORDS
    ):  # "der Süddeutschen Zeitung": adjectives stay, articles go
        while len(tokens) > 2 and (tokens[0] in NOT_NAMES_LEAD or tokens[0] in _DESCRIPTORS):
            tokens = tokens[1:]
        return (
            (_nominative(" ".join(tokens)), "outlet")
            if len(tokens) >= 2 and tokens[0] not in NOT_NAMES_LEAD
            else None
        )
    tokens = _strip_descriptor(_trim_leading(run)).split()
    if len(tokens) < 2 or tokens[-1] not in _LAST_WORDS:
        return None
    if is_common_noun(tokens[0]) or tokens[0] in NOT_NAMES_LEAD:
        return None
    name = " ".join(tokens)
    if tokens[-1] in OUTLET_WORDS:
        return _nominative(name), "outlet"
    if tokens[-1] in AGENCY_WORDS:
        return name, "regulator"
    return name, "union" if tokens[-1] in UNION_WORDS else "company"


def _nominative(name: str) -> str:
    """German dative/genitive adjective endings in outlet names: "Süddeutschen Zeitung" -> "Süddeutsche Zeitung"."""
    tokens = name.split()
    return " ".join([re.sub(r"(?<=[a-zäöü]{3})en$", "e", t) for t in tokens[:-1]] + tokens[-1:])


_UNIT_BEFORE = re.compile(
    r"(?i:(?:tochter|sparte|einheit|marke|geschäftsbereich|unit|subsidiary|division|brand)\w*\s+$)"
)
_UNIT_AFTER = re.compile(r"^\s+(?i:unit|subsidiary|division|brand|arm|studio)\b")


def _is_unit_named(text: str, name: str) -> bool:
    for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", text):
        if _UNIT_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) or _UNIT_AFTER.match(
            text[m.end() :]
        ):
            return True
    return False


def _consolidate(text: str, orgs: dict[str, Org]) -> None:
    """One firm under its fullest name: "Auerbach" becomes an alias of "Auerbach Kunststoffe" when that is
    the only longer name starting with it and it is not named as a unit, a country arm or a brand."""
    companies = [o for o in orgs.values() if o.kind == "company"]
    for short in sorted(companies, key=lambda o: len(o.name)):
        if short.key not in orgs:
            continue
        longer = [o for o in companies if o.key in orgs and o.name.startswith(short.name + " ")]
        if len(longer) != 1:
            continue
        full = longer[0]
        if full.name in BY_NAME or short.name in BY_NAME:
            continue  # both are known firms of their own ("Amazon", "Amazon Web Services")
        extra = full.name[len(short.name) + 1 :].split()
        if extra[0] in REGION_WORDS or full.parent == short.name:
            continue
        if full.parent is None and _is_unit_named(text, full.name):
            continue
        if full.parent is None and short.parent and short.parent != full.name:
            full.parent, full.parent_span = short.parent, short.parent_span
        full.aliases |= {short.name, *short.aliases}
        full.outlet_evidence |= short.outlet_evidence
        del orgs[short.key]


def _stem_parents(orgs: dict[str, Org]) -> None:
    """A firm named after another one in the text, and kept apart from it, is its unit ("Zentyx Deutschland")."""
    for org in orgs.values():
        if org.parent is not None or org.kind != "company":
            continue
        owners = [
            o
            for o in orgs.values()
            if o is not org and o.kind == "company" and org.name.startswith(o.name + " ")
        ]
        if owners:
            org.parent = max(owners, key=lambda o: len(o.name)).name


def _form_key(raw: str) -> str:
    """The name key of a matched owner or unit ("Finanzinvestor Carrow Partners", "Ostermann-Konzerns")."""
    name = re.sub(r"-(?:Konzern|Gruppe|Group)\w*$", "", _first_name_part(raw) or "")
    return name_key(_strip_descriptor(_trim_leading(name)) or name)


def _short_forms(text: str, orgs: dict[str, Org]) -> None:
    """ "Vessler" for "Vessler Chemie" when the first word stands alone in the text and names no other firm."""
    firsts: Counter[str] = Counter(o.name.split()[0] for o in orgs.values() if o.kind == "company")
    taken = {name_key(f) for o in orgs.values() for f in (o.name, *o.aliases)}
    for org in list(orgs.values()):
        tokens = org.name.split()
        first = tokens[0]
        if (
            org.kind != "company"
            or len(tokens) < 2
            or firsts[first] > 1
            or name_key(first) in taken
            or len(first) < 4
            or first in NOT_NAMES_LEAD
            or re.search(r"(?:sche|ische|ischen|ischer)$", first)
            or tokens[1] in {"&", "+", "of", "de"}
        ):
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(first)}(?!\s+{re.escape(tokens[1])})(?![\w-])", text):
            before = text[max(0, m.start() - 30) : m.start()].split()
            if before and before[-1][:1].isupper() and before[-1] not in NOT_NAMES_LEAD:
                continue  # "Arne Baumann": a person's surname, not the firm's short name
            org.aliases.add(first)
            break


_OWNER_CUE = re.compile(
    r"(?i:unit|subsidiary|division|brand|\barm\b|business|owned|controlled|acquired|bought|owns|gehört|gehör"
    r"|tochter|mutter|sparte|marke|einheit|eigentümer|besitzer)"
)


def _owner_matches(text: str) -> list[tuple[re.Match[str], int, int]]:
    """Matches of the owner patterns, searched only around their cue words (the patterns are costly)."""
    windows: list[list[int]] = []
    for m in _OWNER_CUE.finditer(text):
        a, b = max(0, m.start() - 200), min(len(text), m.end() + 160)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    found = []
    for pattern, owner, unit in _OWNER_PATTERNS:
        for a, b in windows:
            found += [(m, owner, unit) for m in pattern.finditer(text, a, b)]
    return found
