"""What a name looks like: capitalised tokens, legal suffixes, comparison keys."""

from __future__ import annotations

import re
import unicodedata

from firmgraph.graph.extraction.rules.lexicon import LEGAL_SUFFIX, NOT_NAMES

UPPER = "A-ZÄÖÜÀ-ÖØ-ÞŠŽČŘĽŁŃŚŹŻĆĐ"
LOWER = "a-zäöüßà-öø-ÿšžčřěýłńśćźżđğı"
_INNER = rf"(?:[{UPPER}{LOWER}0-9&'’+]|\.(?=[{UPPER}{LOWER}0-9]))"
CAP_WORD = rf"(?:[{UPPER}0-9]{_INNER}*(?:-[{UPPER}{LOWER}0-9]{_INNER}*)*)"
"""A capitalised token (with inner capitals, digits, hyphen parts: "Mercedes-Benz", "N26", "eBay" aside)."""
CONNECTOR = r"(?:&|\+|of|de|la|du)"
CONNECTOR_WORDS = r"(?:&|\+|of|de|la|du|and|und|for)"
NAME = rf"{CAP_WORD}(?:[ \u00a0]+(?:{CONNECTOR}[ \u00a0]+)?{CAP_WORD}){{0,3}}"
"""One to four capitalised tokens, possibly joined by connectors ("Procter & Gamble")."""
NOT_NAMES_LEAD = NOT_NAMES - {"Group", "Gruppe", "Holding", "Digital", "Global"}
"""Words that never start a firm's name."""
_LEGAL_TAIL = re.compile(rf"(?:,?\s+(?:{LEGAL_SUFFIX}))+$")
_NOUN_SUFFIXES = (
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen", "tät", "täten",
    "ismus", "nis", "nisse", "chen", "iken", "ien", "eure", "nehmer", "arbeiter", "inen", "onen",
    "ling", "linge", "ment", "mente", "sten", "ssen", "zeit", "welt", "markt", "plätze", "stellen",
    "gaben", "kosten", "preise", "zahlen", "daten", "werte", "gelder", "mittel", "nahme", "nahmen", "lage", "wesen",
    "kräfte", "leute", "nehmen", "arbeit", "geschäft", "bereich", "bereiche", "handel", "gruppe", "politik", "branche",
)  # fmt: skip
# First parts of German compounds that name a trade, not a firm ("Cloud-Sparte", "Auto-Konzern").
GENERIC_PREFIXES = frozenset(
    [
        "Cloud",
        "Auto",
        "Tech",
        "Software",
        "Chemie",
        "Stahl",
        "Online",
        "Internet",
        "Handels",
        "Mode",
        "Pharma",
        "Energie",
        "Technologie",
        "Medien",
        "Rüstungs",
        "Elektro",
        "Konsum",
        "Finanz",
        "Bank",
        "Versicherungs",
        "Logistik",
        "KI",
        "AI",
        "IT",
        "US",
        "EU",
        "UK",
        "China",
        "Chip",
        "Halbleiter",
        "Solar",
        "Wind",
        "Bau",
        "Immobilien",
        "Luftfahrt",
        "Reise",
        "Touristik",
        "Lebensmittel",
        "Einzelhandels",
        "Versand",
        "Telekommunikations",
        "Mobilfunk",
        "Streaming",
        "Social",
        "Media",
        "Daten",
        "Gaming",
        "Spiele",
        "Musik",
        "Film",
        "Fernseh",
        "Radio",
        "Zeitungs",
        "Verlags",
        "Druck",
        "Maschinenbau",
        "Zuliefer",
        "Rüstung",
        "Industrie",
        "Agrar",
        "Öl",
        "Gas",
        "Strom",
        "Kohle",
        "Atom",
        "Batterie",
        "Elektroauto",
        "E-Auto",
        "Personal",
        "Konzern",
        "Unternehmens",
        "Firmen",
        "Vorstands",
        "Aufsichtsrats",
        "Betriebs",
        "Gewerkschafts",
        "Landes",
        "Bundes",
        "Staats",
        "Regierungs",
        "Kommunal",
        "Stadt",
        "Gemeinde",
        "Kreis",
        "Bezirks",
        "Tarif",
        "Börsen",
        "Aktien",
        "Dax",
        "DAX",
        "Sparten",
    ]
)


_COUNTRY_ARMS = frozenset(
    {
        "Deutschland",
        "Germany",
        "Österreich",
        "Austria",
        "Schweiz",
        "UK",
        "USA",
        "Europe",
        "Europa",
        "International",
    }
)


def strip_legal(name: str) -> str:
    """ "BASF SE" -> "BASF", "Acme Corp." -> "Acme" (the name without its legal form)."""
    stripped = _LEGAL_TAIL.sub("", name).strip(" ,")
    return stripped or name


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-free key without legal form ("Thyssenkrupp AG" = "thyssenkrupp")."""
    s = unicodedata.normalize("NFKD", strip_legal(name).casefold().replace("ß", "ss"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^\w&+]+", " ", s).strip()
    s = re.sub(r"^the\s+", "", s)
    return s


def is_common_noun(token: str) -> bool:
    """A German common noun or a word from the stop lists, by form (no dictionary here)."""
    if token in NOT_NAMES or token.rstrip("s") in NOT_NAMES:
        return True
    if not token[:1].isupper() or token.isupper() or any(c.isdigit() for c in token):
        return False
    if re.search(rf"[{LOWER}][{UPPER}]", token):
        return False  # inner capitals: "PayPal", "HelloFresh"
    low = token.lower()
    if len(low) > 13 and "-" not in low:
        return True  # long lower-case compounds are German nouns, firm names are short
    return low.endswith(_NOUN_SUFFIXES) and len(low) > 6


def names_a_body(tokens: list[str]) -> bool:
    """ "Southeast Memphis Business Council", "Karnataka IT Employees Forum": a council or forum of its own
    (a works council is the company's)."""
    return len(tokens) >= 2 and tokens[-1] in {"Council", "Forum"} and tokens[-2] not in {"Works", "European"}


def plausible_name(name: str, *, strict: bool = False) -> bool:
    """Whether a candidate string can be an organisation name (strict: one weak piece of evidence)."""
    tokens = [t for t in re.split(r"\s+", strip_legal(name).strip()) if t]
    if not tokens or len(tokens) > 5:
        return False
    country_arm = len(tokens) >= 2 and tokens[-1] in _COUNTRY_ARMS  # "Zentyx Deutschland"
    body = names_a_body(tokens)
    if tokens[0] in NOT_NAMES or (
        tokens[-1] in NOT_NAMES - {"Group", "Gruppe", "Holding", "Company", "Corporation", "Union"}
        and not country_arm
        and not body
    ):
        return False
    if re.fullmatch(CONNECTOR, tokens[0]) or re.fullmatch(CONNECTOR, tokens[-1]):
        return False
    if tokens[-1] == "Union" and (len(tokens) < 2 or re.search(r"(?:päische|pean|ische|ean)$", tokens[-2])):
        return False  # "Europäische Union", "European Union": not a trade union
    if any(t.isdigit() for t in tokens) or (strict and is_common_noun(tokens[0])):
        return False
    if len(tokens) == 1:
        t = tokens[0]
        if len(t) < 2 or t.isdigit() or re.fullmatch(r"\d+[.,]?\d*", t):
            return False
        if strict and is_common_noun(t):
            return False
    return not all(t in NOT_NAMES for t in tokens)
