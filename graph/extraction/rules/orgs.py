"""Organisation mentions: known names, legal forms, appositions ("der Chemiekonzern BASF"),
compounds ("Amazon-Chef"), lists ("Unternehmen wie Nvidia und Microsoft"), outlets ("gegenüber
dem Technikportal The Verge", "told Reuters"), regulators, aliases in parentheses, and owners of
units and brands ("die Cloud-Sparte AWS", "Instagram-Mutter Meta", "a unit of")."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from firmgraph.graph.extraction.rules.gazetteer import AMBIGUOUS_SURFACES, BY_NAME, SURFACES
from firmgraph.graph.extraction.rules.lexicon import (
    AGENCY_WORDS,
    CUT,
    LEGAL_SUFFIX,
    NEUTRAL,
    ORG_HEAD_DE,
    ORG_HEAD_EN,
    ORG_WORD_ENDINGS,
    ORG_WORDS,
    OUTLET_WORDS,
    PLAN,
    UNION_WORDS,
    role_label,
)
from firmgraph.graph.extraction.rules.names import (
    CAP_WORD,
    CONNECTOR_WORDS,
    GENERIC_PREFIXES,
    NAME,
    NOT_NAMES_LEAD,
    is_common_noun,
    name_key,
    names_a_body,
    plausible_name,
    strip_legal,
)
from firmgraph.graph.extraction.rules.orgbase import (
    AGENCY_RE,
    DESCRIPTORS,
    SAID_TO_RE,
    Mention,
    Org,
    first_name_part,
    strip_descriptor,
    trim_leading,
)
from firmgraph.graph.extraction.rules.owners import (
    HOUSE_WORDS,
    acronyms,
    assign_parents,
    consolidate,
    owner_matches,
    place_leads,
    short_forms,
    stem_parents,
    union_locals,
)

_GAZ_RE = re.compile(
    r"(?<![\w&@#/.-])("
    + "|".join(re.escape(s) for s in sorted(SURFACES, key=len, reverse=True))
    + r")(?![\w&]|-[a-z])"
)
_LEGAL_RE = re.compile(rf"(?<![\w-])({NAME}),?\s+(?:{LEGAL_SUFFIX})(?![\w])")
_HEAD_DE_RE = re.compile(
    rf"(?<![\w-])(?:[Dd](?:er|ie|as|em|en|es)|[Bb]eim|vom|zum|zur|[Ee]in(?:e[mnrs]?)?|[Ss]ein(?:e[mnrs]?)?"
    rf"|[Ii]hr(?:e[mnrs]?)?)\s+"
    rf"(?:[a-zäöü][\w-]*\s+|[A-ZÄÖÜ][a-zäöü]+er\s+){{0,2}}(?i:[\w-]*(?:{ORG_HEAD_DE})(?:e?s|en|n|in|innen)?)\s+({NAME})"
)  # "der Hamburger Konkurrent Avelio Care", "Ihr Wettbewerber Brakelmann Polster"
_COMPOUND_NAME = re.compile(
    r"[A-ZÄÖÜ][a-zäöüß]{3,}(?:bank|kasse|versicherung|werke?|gruppe|holding|bau|chemie)"
)
_BASED_RE = re.compile(
    rf"(?<![\w-])[A-ZÄÖÜ][\w.]*(?:[ -][A-ZÄÖÜ][\w.]*)?-based\s+({NAME})"
)  # "Atlanta-based X"
_HEAD_EN_RE = re.compile(
    rf"(?<![\w-])(?:(?:[a-z][\w-]*\s+){{0,2}}(?:{ORG_HEAD_EN})|(?:Rival|Competitor|Peer|Startup|Start-up|Fintech"
    rf"|Retailer|Lender|Insurer|Carmaker|Automaker|Chipmaker|Drugmaker|Supplier|Customer))s?\s+({NAME})(?=[\s,.;:)]|['’]s|$)"
)  # "the payments company Klarna", "Rival Codewisp laid off ..."
# "vom Bankhaus Merzbach", "das Druckhaus Kessler": the kind of house is part of the name
_HOUSE_RE = re.compile(rf"(?<![\w-])((?:{'|'.join(sorted(HOUSE_WORDS))})\s+{NAME})")
# "said Jane Roe, an analyst at Harborview Capital", "Analyst Florian Wendt vom Bankhaus Merzbach"
_EMPLOYER_RE = re.compile(
    rf"(?i:analysts?|economists?|strategists?|consultants?|partner|lawyers?|researchers?|analyst\w*)"
    rf"(?:\s+{NAME})?\s+(?:at|with|from|bei|von|vom|der|des)\s+(?:the\s+)?({NAME})"
)
_LOCAL_RE = re.compile(r"(?<![\w-])((?:[A-Z][\w&.-]*\s+){1,4}Local\s+\d{1,5})(?![\w])")  # "UAW Local 1188"
_UNION_RE = re.compile(rf"(?<![\w-])[Tt]he\s+({NAME})\s+(?:trade\s+)?union\b")  # "the GMB union"
# "wie Deutschland-Chefin Katharina Vos dem „Tagesspiegel“ sagte", "sagte sie der „Rheinpfalz“"
_QUOTED_OUTLET_RE = re.compile(
    rf"(?:\b(?:sagte|sagt|erklärte|bestätigte|betonte|gegenüber)\s+(?:\w+\s+)?)?\b(?:dem|der)\s+[„\"“»]({NAME})[“\"”«]"
    rf"(?=\s+(?:sagte|gesagt|erklärte|bestätigte|mitteilte|betonte|berichtete)\b)?"
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
    rf"(?:(?:Unternehmen|Konzerne|Konzernen|Firmen|Techkonzerne|Tech-Konzerne|Konkurrenten|Rivalen|Wettbewerber\w*"
    rf"|Anbieter\w*|Banken|Hersteller\w*|companies|firms|rivals|competitors|peers|giants|groups)[,]?\s+"
    rf"(?:wie|such as|like|including|darunter)"
    rf"|(?:darunter|including|such as)|(?:compet\w*|konkurrier\w*|konkurrenz)\s+(?:\w+\s+){{0,3}}?(?:with|mit))"
    rf"\s+({NAME}(?:\s*(?:,|und|and|sowie|oder|or)\s+{NAME})*)"
)  # "competes with Fivetran and Matillion", "konkurriert unter anderem mit United Grinding"
_SUBJECT_RE = re.compile(
    rf"(?:^|[.:;!?]\s+|\s[-–—]\s+|\b(?:dass|weil|nachdem|während|when|after|as|while|that|und|and)\s+)({NAME})\s+"
    rf"(?i:(?:(?:will|wollen|plant|plans|planning|muss|soll|wird|hat|hatte|is|has|had|said|says|announced|to|kündigt\w*"
    rf"|verkündet\w*)\b[^.;:!?\n]{{0,80}}?)?(?<![\w])(?:{CUT}|{NEUTRAL}|{PLAN}))",
    re.M,
)
_NOUN_CUT_AFTER = re.compile(
    r"\s+(?:layoffs?|job cuts?|cuts|job losses|stellenabbau|jobabbau|abbau|kahlschlag|kürzungen|entlassungen)\b",
    re.I,
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


class OrgIndex:
    """The organisations of one document and where they are mentioned."""

    def __init__(self, orgs: dict[str, Org], mentions: list[Mention]) -> None:
        self.orgs = orgs
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts: tuple[list[Mention], list[int]] = (self.mentions, [m.start for m in self.mentions])

    def in_range(self, start: int, end: int) -> list[Mention]:
        """The mentions inside [start, end), found by bisection (mentions are kept sorted by start)."""
        if self._starts[0] is not self.mentions:
            self._starts = (self.mentions, [m.start for m in self.mentions])
        first = bisect_left(self._starts[1], start)
        found = []
        for m in self.mentions[first:]:
            if m.start >= end:
                break
            if m.end <= end:
                found.append(m)
        return found

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

    def key_in(self, phrase: str) -> str | None:
        """The organisation a phrase names or starts with ("IG Metall Zwickau" -> IG Metall, "Northcap" ->
        Northcap Ventures when that is the only firm of that first word)."""
        tokens = phrase.split()
        for n in range(len(tokens), 0, -1):
            key = self.key_of(" ".join(tokens[:n]))
            if key:
                return key
        if len(tokens) == 1:
            starts = [o.key for o in self.orgs.values() if o.name.split()[0] == tokens[0]]
            return starts[0] if len(starts) == 1 else None
        return None

    def register(self, text: str, name: str, *, german: bool = False) -> str | None:
        """Add a firm named where a person's role links to it ("head of research at Harwick & Lowe",
        German: "bei der Beratung Kessel & Partner", the kind noun in front dropped)."""
        name = re.sub(r"^(?:the|der|die|das|dem|den)\s+", "", " ".join(name.split()).strip(" ,.;:"))
        name = strip_descriptor(trim_leading(name) if german else name)
        base = strip_legal(name)
        tokens = base.split()
        if (
            not tokens
            or not plausible_name(base)
            or (is_common_noun(tokens[-1]) and not names_a_body(tokens))
        ):
            return None
        if not all(t[:1].isupper() or re.fullmatch(CONNECTOR_WORDS, t) for t in tokens):
            return None
        key = name_key(base)
        if not key or key in self.orgs:
            return key or None
        kind = "union" if tokens[-1] in UNION_WORDS else "company"
        org = Org(key, base, kind)
        if name != base:
            org.aliases.add(name)
        self.orgs[key] = org
        found = _mentions(text, {key: org})
        self.mentions = sorted([*self.mentions, *found], key=lambda m: m.start)
        return key


def find_orgs(text: str, *, publisher: str | None = None, people_names: set[str] | None = None) -> OrgIndex:
    """All organisations named in `text` (the page's own publisher excluded)."""
    people_names = people_names or set()
    candidates: dict[str, Org] = {}
    support: Counter[str] = Counter()

    def add(name: str, kind: str = "company", *, strict: bool = True, known: bool = False) -> str | None:
        name = " ".join(name.split()).strip(" ,.;:")
        name = re.sub(r"['’]s$", "", name)
        name = re.sub(
            r"-(?:Chef|Chefin|Chefs|Sprecher|Sprecherin|Boss|Gründer|Gründerin|Vorstand|Vorständin)$",
            "",
            name,
        )
        if not known:
            name = strip_descriptor(name)
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
        name = trim_leading(m.group(1))
        if name:
            key = add(name, strict=False)
            if key and full.strip() != name:
                candidates[key].aliases.add(trim_leading(full) or full)
    for pattern, strict in (
        (_BASED_RE, False),
        (_HEAD_DE_RE, True),
        (_HEAD_EN_RE, False),
        (_COMPOUND_RE, True),
        (_POSSESSIVE_RE, True),
    ):
        for m in pattern.finditer(text):
            name = first_name_part(m.group(1))
            if name and role_label(name.split()[0]):
                continue  # "brand CEO Lucas Ferrand"
            if name and name not in GENERIC_PREFIXES and not _is_outlet_head(text, m):
                # "die Hausbank Westsachsenbank": after its kind, a one-word compound is a name
                compound = pattern is _HEAD_DE_RE and bool(_COMPOUND_NAME.fullmatch(name))
                add(name, strict=strict and not compound)
    for m in _HOUSE_RE.finditer(text):
        add(first_name_part(m.group(1)) or m.group(1), strict=False)
    for m in _EMPLOYER_RE.finditer(text):
        name = first_name_part(m.group(1))
        if name and not _looks_like_person(name, people_names) and not role_label(name.split()[0]):
            add(name, strict=True)
    for m in _LOCAL_RE.finditer(text):
        name = trim_leading(m.group(1))
        if name.split()[0] not in NOT_NAMES_LEAD:
            add(name, "union", known=True)
    for m in _UNION_RE.finditer(text):
        add(first_name_part(m.group(1)), "union", strict=False)
    for m in _QUOTED_OUTLET_RE.finditer(text):
        said = re.match(r"(?:sagte|sagt|erklärte|bestätigte|betonte|gegenüber)\b", m.group(0)) or re.match(
            r"\s+(?:sagte|gesagt|erklärte|bestätigte|mitteilte|betonte|berichtete)\b",
            text[m.end() : m.end() + 15],
        )
        if said:
            add(m.group(1), "outlet", strict=False)
    for m in SAID_TO_RE.finditer(text):
        name = first_name_part(m.group(1) or m.group(2))
        if name and not _looks_like_person(name, people_names):
            add(name, "outlet", strict=False)
    for m in _OUTLET_RE.finditer(text):
        name = first_name_part(m.group(1))
        if name and role_label(name.split()[0]):
            continue  # "according to CEO Jane Miller": a person
        if name and not _looks_like_person(name, people_names) and not re.search(r"\d", name):
            add(name, "outlet", strict=True)
    for m in _LIST_RE.finditer(text):
        for part in re.split(r"\s*(?:,|\bund\b|\band\b|\bsowie\b|\boder\b|\bor\b)\s*", m.group(1)):
            if part.strip():
                add(part, strict=True)
    for m in _APPOSITION_RE.finditer(text):
        name = first_name_part(m.group(1))
        if name and not _looks_like_person(name, people_names):
            add(name, strict=True)
    for m in _RUN_RE.finditer(text):
        if _alone_on_line(text, m):
            continue  # a section label of the page ("Mode & Textil", "Digital Health")
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
            name = first_name_part(m.group(1))
            if _NOUN_CUT_AFTER.match(text, m.end(1)):
                continue  # "for Austin and San Antonio layoffs": a place before a noun, not a firm that cuts
            if name and plausible_name(name, strict=True) and name not in people_names:
                weak[name] += 1
        for name, count in weak.items():
            occurrences = len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w])", text))
            first = name.split()[0]
            if (
                pattern is _SUBJECT_RE
                and len(name.split()) > 1
                and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]{3,}", first)
                and first not in NOT_NAMES_LEAD
                and not is_common_noun(first)
            ):
                # "Dunmore Axle & Driveline will close ...", then "Dunmore expects", "Dunmore's plants"
                occurrences = max(
                    occurrences, len(re.findall(rf"(?<![\w-]){re.escape(first)}(?![\w-])", text))
                )
            if count >= min_hits and occurrences >= min_occurrences and not is_common_noun(name.split()[0]):
                add(name, strict=True)
    for m in AGENCY_RE.finditer(text):
        surface = re.sub(r"^(?:The|Die|Der|Das)\s+", "", m.group(1))
        name = re.sub(
            r"^([A-ZÄÖÜ][\w-]*)['’]s\s+", r"\1 ", surface
        )  # "California's Employment Development Department"
        if len(name.split()) >= 2 and surface.split()[0] not in NOT_NAMES_LEAD:
            key = add(name, "regulator", known=True)
            if key and surface != name:
                candidates[key].aliases.add(surface)
    for m in _PAREN_ALIAS_RE.finditer(text):
        key = name_key(m.group(1))
        if key in candidates:
            candidates[key].aliases.add(m.group(2))
    # a unit or owner named beside a known firm ("Vireo, the electric-vehicle brand of Aldana Motor Group")
    ownership = owner_matches(text)
    for m, owner_group, unit_group in ownership:
        if any(role_label(m.group(g).split()[0]) for g in (owner_group, unit_group)):
            continue  # "brand CEO Lucas Ferrand": a person
        sides = [
            strip_descriptor(
                trim_leading(re.sub(r"-(?:Konzern|Gruppe|Group)\w*$", "", first_name_part(m.group(g))))
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
        orgs = {
            k: o
            for k, o in orgs.items()
            if k != pub and not pub.startswith(k + " ") and pub not in {name_key(a) for a in o.aliases}
        }  # the publisher, also cut short ("told Scaleup Europe" -> "Scaleup")
    place_leads(orgs)
    short_forms(text, orgs)
    assign_parents(text, orgs, _mentions(text, orgs), ownership)
    consolidate(text, orgs)
    acronyms(orgs)
    union_locals(orgs)
    for org in orgs.values():
        org.mentions = []
    mentions = _mentions(text, orgs)
    stem_parents(text, orgs)
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


_LAST_WORDS = ORG_WORDS | UNION_WORDS | AGENCY_WORDS | OUTLET_WORDS


def _alone_on_line(text: str, m: re.Match[str]) -> bool:
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    return text[line_start : line_end if line_end >= 0 else len(text)].strip() == m.group(0).strip()


def _is_last_word(token: str) -> bool:
    low = token.lower()
    return token in _LAST_WORDS or (token[:1].isupper() and len(low) > 7 and low.endswith(ORG_WORD_ENDINGS))


def _named_by_last_word(run: str) -> tuple[str, str] | None:
    """A capitalised run whose last word names a kind of organisation ("Gresham Steel", "Verdi Union")."""
    tokens = run.split()
    if not _is_last_word(tokens[-1]) and tokens[-1].rsplit("-", 1)[-1] not in OUTLET_WORDS:
        return None  # "Gresham Steel", "Süddeutsche Zeitung", "Kölner Stadt-Anzeiger"
    if (
        tokens[-1].rsplit("-", 1)[-1] in OUTLET_WORDS
    ):  # "der Süddeutschen Zeitung": adjectives stay, articles go
        while len(tokens) > 2 and (tokens[0] in NOT_NAMES_LEAD or tokens[0] in DESCRIPTORS):
            tokens = tokens[1:]
        return (
            (_nominative(" ".join(tokens)), "outlet")
            if len(tokens) >= 2 and tokens[0] not in NOT_NAMES_LEAD
            else None
        )
    tokens = strip_descriptor(trim_leading(run)).split()
    if len(tokens) < 2 or not _is_last_word(tokens[-1]):
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
