"""What every organisation module shares: the organisation and mention records, and the clean-up of
matched name strings (leading articles and descriptors, trailing common nouns)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from firmgraph.graph.extraction.rules.lexicon import ORG_HEAD_DE, words
from firmgraph.graph.extraction.rules.names import (
    CAP_WORD,
    CONNECTOR_WORDS,
    NAME,
    NOT_NAMES_LEAD,
    is_common_noun,
    name_key,
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


_LEAD_WORDS = re.compile(
    rf"^(?:(?:Der|Die|Das|The|A|An|Auch|Nun|Jetzt|Doch|Laut|Bei|Für|Von|Mit|Nach|Wie|Als|Während|Because|While|When"
    rf"|After|Before|Since|Insider|Rivale|Konkurrent|[\w-]*(?:{ORG_HEAD_DE}))\s+)+",
    re.I,
)


def trim_leading(name: str) -> str:
    trimmed = _LEAD_WORDS.sub("", name).strip()
    tokens = trimmed.split()
    while tokens and is_common_noun(tokens[0]) and len(tokens) > 1:
        tokens = tokens[1:]
    return " ".join(tokens)


def first_name_part(name: str) -> str:
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


DESCRIPTORS = words(
    """Rival Rivals Competitor Peer Analysts Analyst Shares Konkurrent Konkurrenten Wettbewerber Rivale Tochter
    Sparte Marke Investor Finanzinvestor Lender Retailer Insurer Publisher Bank Konzern Hersteller Startup
    Start-up Versicherer Zulieferer Händler Anbieter Mutter Mutterkonzern Muttergesellschaft Tochterfirma
    Tochtergesellschaft Geldgeber Kapitalgeber Wagniskapitalgeber Risikokapitalgeber Investorin Private-Equity-Investor
    Konkurrentin Wettbewerberin Rivalin Hausbank Vermieter Kundin Kunde Lieferant"""
)
# "Bengaluru-based", "Finland's", "Munich-based": a place in front of the name, not part of it
_PLACE_LEAD = re.compile(r"^(?:[\w-]+-based|[A-ZÄÖÜ][\w-]*['’]s)$")
_DESCRIPTOR_HEAD = re.compile(
    r"[\w-]*(?:geber|gesellschaft|konzern|hersteller|zulieferer|versicherer|investor)(?:e?s|en|n)?"
)  # genitive and plural too: "des US-Softwarekonzerns Halvorsen Analytics"


COMPOUND_HEAD = re.compile(
    rf"(?i:[\w-]{{3,}}(?:{ORG_HEAD_DE})(?:e?s|en|n)?)|[\w]+-(?:Sparte|Tochter\w*|Marke|Einheit|Mutter|Konzern|Chef\w*|Unit)"
)


def strip_descriptor(name: str) -> str:
    """ "Drogeriekette Lindhoff" -> "Lindhoff", "Rival Brookfield Savings" -> "Brookfield Savings"."""
    tokens = name.split()
    while len(tokens) > 1 and _PLACE_LEAD.match(tokens[0]):
        tokens = tokens[1:]
    heads = [
        i
        for i, t in enumerate(tokens[:-1])
        if t[:1].isupper()
        and (COMPOUND_HEAD.fullmatch(t) or t in DESCRIPTORS or _DESCRIPTOR_HEAD.fullmatch(t))
    ]
    if heads and not re.fullmatch(CONNECTOR_WORDS, tokens[heads[-1] + 1]):
        tokens = tokens[heads[-1] + 1 :]  # "Stuttgarter Softwarefirma Velatec" -> "Velatec"
    while (
        len(tokens) > 1
        and not re.fullmatch(CONNECTOR_WORDS, tokens[1])
        and (tokens[0] in DESCRIPTORS or tokens[0] in NOT_NAMES_LEAD or COMPOUND_HEAD.fullmatch(tokens[0]))
    ):
        tokens = tokens[1:]
    return " ".join(tokens)


def form_key(raw: str) -> str:
    """The name key of a matched owner or unit ("Finanzinvestor Carrow Partners", "Ostermann-Konzerns")."""
    name = re.sub(r"-(?:Konzern|Gruppe|Group)\w*$", "", first_name_part(raw) or "")
    return name_key(strip_descriptor(trim_leading(name)) or name)


# public agencies named with their remit: "Ohio Department of Job and Family Services", "Employment Security
# Department", "Arbeitsbehörde des Bundesstaats Washington"
AGENCY_RE = re.compile(
    rf"(?<![\w-])((?:{CAP_WORD}\s+){{0,3}}(?:Department|Agency|Commission|Office|Bureau|Division|Ministry)\s+of\s+"
    rf"(?:the\s+)?{CAP_WORD}(?:\s+(?:and\s+|&\s+|of\s+|for\s+)?{CAP_WORD}){{0,5}}"
    rf"|(?:{CAP_WORD}\s+){{1,3}}(?:Department|Agency|Commission)"
    rf"|[\w-]*(?:[Bb]ehörde|[Aa]gentur|[Mm]inisterium)\s+(?:des|der)\s+(?:Bundesstaat\w*|Landes|Staat\w*|Kanton\w*|Freistaat\w*)"
    rf"\s+{CAP_WORD}(?:\s+{CAP_WORD})?)"
)
# "sagte dem Branchendienst SaaS Weekly", "sagte dem Hanse-Wirtschaftsdienst"
_OUTLET_HEADS = (
    r"dienst|portal|magazin|zeitung|blatt|sender|agentur|medium|kurier|anzeiger|rundschau|newsletter"
)
SAID_TO_RE = re.compile(
    rf"(?:sagte|sagt|erklärte|bestätigte|betonte|schrieb)\s+de[mr]\s+(?:(?i:[\w-]*(?:{_OUTLET_HEADS}))\s+({NAME})"
    rf"|([A-ZÄÖÜ][\w-]*(?:{_OUTLET_HEADS})))(?![\w])"
)
