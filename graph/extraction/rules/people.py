"""People named with a role: "Unternehmenssprecherin Tessa Chen", "Amazon-Chef Andy Jassy",
"Beth Galetti, Vizepräsidentin für Personalwesen,", "Andy Jassy, Amazon's chief executive",
"Jane Doe, a spokeswoman for Acme", and speakers of quotes ("said Jane Doe")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from firmgraph.graph.extraction.rules.lexicon import JOB_NOUN, NOT_NAMES, ORG_WORDS, ROLE_RE, role_label
from firmgraph.graph.extraction.rules.names import LOWER, UPPER, is_common_noun
from firmgraph.graph.extraction.rules.orgs import OrgIndex

_JOB_WORD = re.compile(rf"(?i:{JOB_NOUN})")
_TOKEN = rf"[{UPPER}][{LOWER}'’]+(?:-[{UPPER}][{LOWER}'’]+)?"
_PARTICLE = r"(?:von|van|de|der|den|da|di|du|la|le|ten|ter|zu|del|dos|bin|al)"
PERSON = rf"{_TOKEN}(?:[ \u00a0]+(?:[{UPPER}]\.[ \u00a0]+)?(?:{_PARTICLE}[ \u00a0]+)*{_TOKEN}){{1,2}}"
_ROLE = rf"(?i:(?:[\w]+-){{0,2}}(?:{ROLE_RE}|[\w]*chef(?:in)?|[\w]*sprecher(?:in)?))"
_ORG_LINK = (
    r"(?:\s+(?:von|vom|bei|beim|des|der|of|at|for|in)\s+(?:the\s+|de[rmns]\s+)?(?P<org>[\w&.'’ -]{2,60}?))?"
)
_TITLE = r"(?:(?:Dr|Prof|Dipl)\.(?:-\w+\.)?[ \u00a0]+)*"  # "Dr. ", "Prof. Dr. ", "Dr.-Ing. " before a name
_BEFORE = re.compile(
    rf"(?<![\w-])(?P<orgpre>[{UPPER}][\w&.-]*(?:['’]s)?\s+)?(?P<role>{_ROLE})(?:\s*[,:])?\s+{_TITLE}"
    rf"(?P<person>{PERSON})(?![\w-])"
)
_AFTER = re.compile(
    rf"(?<![\w-])(?P<person>{PERSON}),\s+(?:(?i:der|die|the|a|an|its|seine|ihre)\s+)?(?:(?P<orgpre>[{UPPER}][\w&.-]*)"
    rf"(?:['’]s\s+|-|\s+)|(?P<kindpre>union|company|firm|group|bank|forum|council|insurer|lender|carrier)['’]s\s+)?"
    rf"(?:(?:senior|airline|equity|industry|credit|retail|tech|energy|auto|bank)\s+)?"
    rf"(?P<role>{_ROLE}(?:\s+(?i:für|of)\s+[\w '’-]{{3,50}}?)?"
    rf"(?:\s+[A-ZÄÖÜ][a-zäöü]{{3,}}(?=\s+(?:bei|beim|der|des|von|vom|at|of|for)\s))?){_ORG_LINK}"
    rf"\s*(?=[,;).]|$|\s+(?:sagte|said|erklärte|told|wrote|sagt|says|who|which|der|die|das|kündigte)\b)"
)
# "der Vorstandsvorsitzende der DHL, Tobias Meyer,", "The chief executive of Acme, Jane Miller, said"
_ROLE_OF_ORG = re.compile(
    rf"(?<![\w-])(?P<role>{_ROLE})\s+(?:der|des|von|vom|bei|beim|of|at)\s+(?:the\s+|de[mrs]\s+)?"
    rf"(?P<org>[{UPPER}][\w&.'’ -]{{1,40}}?),\s+{_TITLE}(?P<person>{PERSON})(?=\s*[,;)]|\s+(?:sagte|said|erklärte|told|wrote))"
)
_SPEAKER = re.compile(
    rf"(?:(?i:sagte|sagt|erklärte|betonte|said|says|told|added|wrote|laut|according to)\s+(?P<p1>{PERSON}))"
    rf"|(?:(?P<p2>{PERSON})\s+(?i:sagte|sagt|erklärte|betonte|said|says|told|added|wrote))"
)


@dataclass
class Person:
    """A person the article names, with a role where one is given."""

    name: str
    role: str | None = None
    role_text: str | None = None
    org_key: str | None = None
    name_span: tuple[int, int] = (0, 0)
    role_span: tuple[int, int] | None = None
    org_span: tuple[int, int] | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


def _clean_person(name: str, orgs: OrgIndex, *, with_role: bool = False) -> str | None:
    """The person's name from a matched run; with a role beside it, a name also found as a firm is a person
    ("Jefferson Pike, an airline analyst at …")."""
    tokens = name.split()
    while tokens and (
        role_label(tokens[0]) is not None
        or is_common_noun(tokens[0])
        or re.fullmatch(_ROLE, tokens[0])
        or (tokens[0].endswith("s") and orgs.key_of(tokens[0][:-1]))
    ):
        tokens = tokens[1:]  # "Konzernchef Stefan Hartung", "Hartmanns Betriebsratschefin Dilek Arslan"
    kept: list[str] = []
    for i, tok in enumerate(tokens):
        if tok in NOT_NAMES or _JOB_WORD.fullmatch(tok):
            break  # "Oliver Blume Stellen"
        if orgs.key_of(tok):
            if len(kept) == 1 and i == len(tokens) - 1 and not orgs.key_of(kept[0]):
                kept.append(tok)  # "Geschäftsführer Henrik Dorndahl" of the family firm Dorndahl
            break
        if tok in {"der", "den", "dem", "des"} and (not kept or kept[-1] not in {"von", "van", "de"}):
            break  # "sagte Sabine Roth der Aachener Zeitung"
        if re.search(r"['’]s?$", tok):
            kept.append(re.sub(r"['’]s?$", "", tok))  # "Jane Fraser's plan": the possessive ends the name
            break
        kept.append(tok)
    while kept and re.fullmatch(_PARTICLE, kept[-1]):
        kept.pop()  # "Oliver Brandl von Verdi"
    if len(kept) < 2 or kept[0] in NOT_NAMES or kept[-1] in ORG_WORDS:
        return None  # "Pellham Precision Tooling said": a firm
    candidate = " ".join(kept)
    return None if orgs.key_of(candidate) and not with_role else candidate


def find_people(text: str, orgs: OrgIndex) -> list[Person]:
    """People with roles, then speakers; later mentions by surname are collected too."""
    people: dict[str, Person] = {}

    def add(m: re.Match[str], person_group: str) -> None:
        raw = m.group(person_group)
        tail = re.match(rf"[ \u00a0]+({_TOKEN})(?![\w-])", text[m.end(person_group) :])
        if tail and len(raw.split()) == 3:
            longer = _clean_person(f"{raw} {tail.group(1)}", orgs)
            if longer and not longer.startswith(raw.split()[0]):
                raw = f"{raw} {tail.group(1)}"  # the front of the match was a role: take the next word
        particle = re.search(rf"[ \u00a0]{_PARTICLE}[ \u00a0]+\S+$", raw)
        nxt = re.match(r"[ \u00a0]+([A-ZÄÖÜ][\w&-]*)", text[m.end(person_group) :])
        if particle and nxt and nxt.group(1) in ORG_WORDS:
            raw = raw[: particle.start()]  # "Mira Okonkwo von Ravensberg Research": a firm after "von"
        name = _clean_person(raw, orgs, with_role=bool(m.groupdict().get("role")))
        if not name:
            return
        start = m.start(person_group)
        role_text = m.groupdict().get("role")
        label = role_label(role_text) if role_text else None
        pre = m.groupdict().get("orgpre")
        if pre and role_text and role_label(f"{pre.strip()} {role_text}") and not orgs.key_in(pre.strip()):
            # "Finance director Tom Aldridge", "Erste Bevollmächtigte": the capitalised word belongs to the role
            role_text, label = f"{pre.strip()} {role_text}", role_label(f"{pre.strip()} {role_text}")
        org_key, org_span = _linked_org(m, role_text, text, orgs)
        if org_key is None and role_text:
            org_key, org_span = _org_after(text, m.end(person_group), orgs)
        person = people.get(name) or next((p for p in people.values() if p.surname == name.split()[-1]), None)
        if person is None:
            person = Person(name, name_span=(start, start + len(name)))
            people[name] = person
        if label and person.role is None:
            person.role, person.role_text = label, role_text.strip()
            person.role_span = (m.start("role"), m.end("role"))
        if org_key and person.org_key is None:
            person.org_key, person.org_span = org_key, org_span

    for pattern in (_BEFORE, _AFTER, _ROLE_OF_ORG):
        for m in pattern.finditer(text):
            if role_label(m.group("role")) is not None:
                add(m, "person")
    for m in _SPEAKER.finditer(text):
        add(m, "p1" if m.group("p1") else "p2")
    _collect_mentions(text, people)
    return sorted(people.values(), key=lambda p: p.name_span[0])


def _collect_mentions(text: str, people: dict[str, Person]) -> None:
    for person in people.values():
        forms = {person.name, person.surname}
        pattern = re.compile(
            r"(?<![\w-])("
            + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            + r")(?![\w])"
        )
        person.mentions = [(m.start(), m.end()) for m in pattern.finditer(text)]


_ORG_AFTER = re.compile(
    r"[ \u00a0]+(?:vom|von der|von|bei der|beim|bei|at|of|from|with)[ \u00a0]+(?:the[ \u00a0]+)?"
)


def _org_after(text: str, end: int, orgs: OrgIndex) -> tuple[str | None, tuple[int, int] | None]:
    """The firm named right after a person who was named after their role ("Analyst Florian Wendt vom
    Bankhaus Merzbach", "analyst Jane Roe at Harborview Capital")."""
    link = _ORG_AFTER.match(text, end)
    if not link:
        return None, None
    name = re.match(
        r"[A-ZÄÖÜ][\w&.'’-]*(?:[ \u00a0]+(?:&[ \u00a0]+)?[A-ZÄÖÜ][\w&.'’-]*){0,3}", text[link.end() :]
    )
    key = orgs.key_in(name.group(0)) if name else None
    return (key, (link.end(), link.end() + len(name.group(0)))) if key and name else (None, None)


def _linked_org(
    m: re.Match[str], role_text: str | None, text: str, orgs: OrgIndex
) -> tuple[str | None, tuple[int, int] | None]:
    """The organisation a role phrase names: "CFO of Acme", "Partnerin beim Investor X", "Amazon-Chef",
    "president of the Vandalia Chamber of Commerce"; a firm found only there is added to the index."""
    groups = m.groupdict()
    of_org = re.search(rf"\s(?:of|für|der|des)\s+(?:the\s+)?([{UPPER}].*)$", role_text or "")
    if of_org and groups.get("org") and re.fullmatch(r"\s+of\s+", text[m.end("role") : m.start("org")]):
        # "president of the Vandalia Chamber" + " of Commerce": one name
        full = text[
            m.start("role") + re.search(r"\s(?:of|für)\s+(?:the\s+)?", role_text or "").end() : m.end("org")
        ]
        key = orgs.key_in(full) or orgs.register(text, full)
        return (key, (m.end("org") - len(full), m.end("org"))) if key else (None, None)
    if of_org and (key := orgs.key_in(re.sub(r"['’]s\b.*$", "", of_org.group(1)))):
        return key, (m.start("role") + of_org.start(1), m.end("role"))  # "head of IG Metall's district in …"
    link = re.match(r"\s+(\w+)", text[m.end("role") :]) if role_text else None
    german = bool(link and link.group(1) in {"von", "vom", "bei", "beim", "des", "der"})
    for group in ("orgpre", "org"):
        value = groups.get(group)
        if not value:
            continue
        value = re.sub(r"['’]s$", "", value.strip())
        placed = group == "org" and link is not None and link.group(1) == "in"  # "in Bavaria": a place
        key = orgs.key_in(value) or (
            orgs.register(text, value, german=german) if group == "org" and not placed else None
        )
        if key:
            return key, (m.start(group), m.end(group))
    if of_org:
        key = orgs.key_in(of_org.group(1)) or orgs.register(text, of_org.group(1))
        if key:
            return key, (m.start("role") + of_org.start(1), m.end("role"))
    kind = groups.get("kindpre")
    if kind:  # "the union's national officer", "the forum's president": the one such body of the article
        fits = [
            o.key
            for o in orgs.orgs.values()
            if (kind == "union" and o.kind == "union") or o.name.split()[-1].lower() == kind
        ]
        if len(fits) == 1:
            return fits[0], (m.start("kindpre"), m.end("kindpre"))
    if role_text and "-" in role_text:
        key = orgs.key_in(role_text.rsplit("-", 1)[0])
        if key:
            return key, (m.start("role"), m.start("role") + len(role_text.rsplit("-", 1)[0]))
    return None, None
