"""Owners and units: who owns whom ("X, a unit of Y", "Y-Tochter X", "gehört zu Y", "its unit X"),
units named after their owner, and one firm under its fullest name ("Vessler" -> "Vessler Chemie")."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from firmgraph.graph.extraction.rules.gazetteer import BY_NAME
from firmgraph.graph.extraction.rules.lexicon import REGION_WORDS
from firmgraph.graph.extraction.rules.names import CAP_WORD, NAME, NOT_NAMES_LEAD, name_key
from firmgraph.graph.extraction.rules.orgbase import Mention, Org, form_key

OWNER_PATTERNS = [
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


def assign_parents(
    text: str,
    orgs: dict[str, Org],
    mentions: list[Mention],
    owner_matches: list[tuple[re.Match[str], int, int]],
) -> None:
    by_form = {name_key(f): o for o in orgs.values() for f in (o.name, *o.aliases)}
    for m, owner_group, unit_group in owner_matches:
        owner = by_form.get(form_key(m.group(owner_group)))
        unit = by_form.get(form_key(m.group(unit_group)))
        if unit is None and _ANAPHOR.fullmatch(m.group(unit_group)):
            unit = _most_named_before(
                orgs, mentions, m.start(), owner
            )  # "Das Unternehmen gehört zum X-Konzern"
        if owner and unit and owner is not unit and unit.parent is None:
            unit.parent = owner.name
            unit.parent_span = (m.start(), m.end())
    for org in orgs.values():
        if org.parent is None and org.name in BY_NAME:
            parent = BY_NAME[org.name].parent
            if parent and name_key(parent) in orgs:
                org.parent = orgs[name_key(parent)].name
    for m in _unit_of_focus(text):
        unit = by_form.get(form_key(m.group(0)))
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


_ANAPHOR = re.compile(
    r"(?:Das|Der|Die|The)\s+(?:Unternehmen|Konzern|Firma|Hersteller|Gruppe|Company|Firm|Group)"
)


def _most_named_before(
    orgs: dict[str, Org], mentions: list[Mention], pos: int, owner: Org | None
) -> Org | None:
    counts: dict[str, int] = {}
    for x in mentions:
        if x.end <= pos and orgs[x.key].kind == "company" and orgs[x.key] is not owner:
            counts[x.key] = counts.get(x.key, 0) + 1
    return orgs[max(counts, key=lambda k: counts[k])] if counts else None


_UNIT_BEFORE = re.compile(
    r"(?i:(?:tochter|sparte|einheit|marke|geschäftsbereich|unit|subsidiary|division|brand|\barm)\w*,?\s+$)"
)


_UNIT_AFTER = re.compile(r"^\s+(?i:unit|subsidiary|division|brand|arm|studio)\b")


def _is_unit_named(text: str, name: str) -> bool:
    for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", text):
        if _UNIT_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) or _UNIT_AFTER.match(
            text[m.end() :]
        ):
            return True
    return False


def consolidate(text: str, orgs: dict[str, Org]) -> None:
    """One firm under its fullest name: "Auerbach" becomes an alias of "Auerbach Kunststoffe" when that is
    the only longer name starting with it and it is not named as a unit, a country arm or a brand."""
    companies = [o for o in orgs.values() if o.kind == "company"]
    for short in sorted(companies, key=lambda o: -len(o.name)):  # longest first: a chain folds into its end
        if short.key not in orgs:
            continue
        longer = [o for o in companies if o.key in orgs and o.name.startswith(short.name + " ")]
        if len(longer) > 1:  # "Vierlinden": the Modehaus, not the "Online-Tochter Vierlinden Digital"
            longer = [o for o in longer if not _is_unit_named(text, o.name) and o.parent != short.name]
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


_PLACE_PREFIX = re.compile(
    r"(?:[A-ZÄÖÜ][\w.]*[ -])*[A-ZÄÖÜ][\w.]*-based|[A-ZÄÖÜ][a-zäöüß]{2,}er|[A-ZÄÖÜ][\w-]*['’]s"
)


def place_leads(orgs: dict[str, Org]) -> None:
    """ "San Francisco-based Quorvia", "die Hamburger Köhlbrand Logistik": where a firm is from, in front
    of a name the article also gives alone, is not a firm of its own (its mentions keep the short name)."""
    names = {o.name: o for o in orgs.values()}
    for org in list(orgs.values()):
        for name, other in names.items():
            if (
                other is not org
                and other.kind == org.kind
                and org.name.endswith(" " + name)
                and _PLACE_PREFIX.fullmatch(org.name[: -len(name) - 1])
            ):
                other.aliases |= org.aliases
                del orgs[org.key]
                break


def union_locals(orgs: dict[str, Org]) -> None:
    """ "UAW Local 1188" and "United Auto Workers Local 1188": one local when their unions are one org."""
    unions = {name_key(f): o.key for o in orgs.values() for f in (o.name, *o.aliases)}
    seen: dict[tuple[str | None, str], Org] = {}
    for org in [o for o in orgs.values() if re.search(r" Local \d+$", o.name)]:
        base, number = org.name.rsplit(" Local ", 1)
        key = (unions.get(name_key(base)), number)
        if key[0] is None:
            continue
        if key in seen:
            seen[key].aliases |= {org.name, *org.aliases}
            del orgs[org.key]
        else:
            seen[key] = org


def acronyms(orgs: dict[str, Org]) -> None:
    """ "UPS" and "United Parcel Service", "HKB" and "Hanseatische Kreditbank": one firm, the acronym an alias."""
    for short in [
        o for o in orgs.values() if o.name.isupper() and 2 <= len(o.name) <= 6 and o.name.isalpha()
    ]:
        full = [
            o
            for o in orgs.values()
            if o is not short and o.kind == short.kind and _initials_fit(short.name, o.name)
        ]
        if len(full) != 1 or short.key not in orgs:
            continue
        keep, drop = (short, full[0]) if short.name in BY_NAME else (full[0], short)
        keep.aliases |= {drop.name, *drop.aliases}
        keep.parent = keep.parent or drop.parent
        del orgs[drop.key]


def _initials_fit(acronym: str, name: str) -> bool:
    """Each word's first letter in order; at most one more letter from inside the last word (Kredit-Bank)."""
    words = [
        w
        for w in re.split(r"[\s-]+", name)
        if w and w.lower() not in {"of", "and", "&", "für", "und", "the", "der"}
    ]
    if len(words) < 2 or len(words) > len(acronym):
        return False
    heads = "".join(w[0] for w in words).upper()
    if heads == acronym:
        return True
    last = words[-1].lower()
    return (
        len(acronym) == len(words) + 1
        and acronym.startswith(heads)
        and any(
            last.endswith(part) and len(last) > len(part) + 2 for part in _COMPOUND_HEADS[acronym[-1].lower()]
        )
    )


_COMPOUND_HEADS: dict[str, tuple[str, ...]] = defaultdict(
    tuple,
    {"b": ("bank",), "k": ("kasse",), "w": ("werk", "werke"), "v": ("versicherung",), "g": ("gesellschaft",)},
)


def stem_parents(text: str, orgs: dict[str, Org]) -> None:
    """A firm named after another one in the text, and kept apart from it, is its unit ("Zentyx Deutschland");
    so is a unit sharing its first word ("die US-Tochter Sternau Therapeutics" of Sternau Pharma)."""
    for org in orgs.values():
        first = org.name.split()[0]
        if org.kind != "company" or (org.parent is not None and org.parent.split()[0] == first):
            continue
        owners = [
            o
            for o in orgs.values()
            if o is not org and o.kind == "company" and org.name.startswith(o.name + " ")
        ]
        unit_named = any(_UNIT_BEFORE.search(text[max(0, a - 30) : a]) for a, _ in org.mentions)
        if org.parent is not None and not owners and not unit_named:
            continue  # an owner found otherwise stays; after a bare unit word the namesake is the owner
        if not owners and unit_named:
            owners = [
                o
                for o in orgs.values()
                if o is not org
                and o.kind == "company"
                and o.name.split()[0] == first
                and o.name not in org.aliases
            ]
        if owners:
            org.parent = max(owners, key=lambda o: len(o.name)).name


HOUSE_WORDS = frozenset(
    [
        "Bankhaus",
        "Druckhaus",
        "Kaufhaus",
        "Autohaus",
        "Modehaus",
        "Möbelhaus",
        "Warenhaus",
        "Versandhaus",
        "Klinikum",
        "Brauerei",
    ]
)
"""Kinds of house that lead a firm's name ("Kaufhaus Brennecke"): the rest of the name is its short form."""


def short_forms(text: str, orgs: dict[str, Org]) -> None:
    """ "Vessler" for "Vessler Chemie" when the first word stands alone in the text and names no other firm;
    "Brennecke" for "Kaufhaus Brennecke"."""
    firsts: Counter[str] = Counter(o.name.split()[0] for o in orgs.values() if o.kind == "company")
    taken = {name_key(f) for o in orgs.values() for f in (o.name, *o.aliases)}
    for org in list(orgs.values()):
        tokens = org.name.split()
        if len(tokens) >= 2 and tokens[0] in HOUSE_WORDS and name_key(" ".join(tokens[1:])) not in taken:
            if re.search(rf"(?<![\w-]){re.escape(' '.join(tokens[1:]))}(?![\w-])", text):
                org.aliases.add(" ".join(tokens[1:]))
            continue
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


def owner_matches(text: str) -> list[tuple[re.Match[str], int, int]]:
    """Matches of the owner patterns, searched only around their cue words (the patterns are costly)."""
    windows: list[list[int]] = []
    for m in _OWNER_CUE.finditer(text):
        a, b = max(0, m.start() - 200), min(len(text), m.end() + 160)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    found = []
    for pattern, owner, unit in OWNER_PATTERNS:
        for a, b in windows:
            found += [(m, owner, unit) for m in pattern.finditer(text, a, b)]
    return found
