"""Numbers as the news writes them: digits in German and English notation, number words,
percentages, fractions ("ein Fünfzehntel", "fast die Hälfte", "one in ten") and the words that
make a figure approximate ("rund", "bis zu", "more than")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

# 16.000 / 16,000 / 16 000 (grouped thousands), then an optional decimal part; or plain 5000 / 1,2
NUMERAL = r"\d{1,3}(?:[.,\u00a0\u202f\u2009 ]\d{3}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
SCALES: dict[str, float] = {
    "tsd.": 1e3, "tsd": 1e3, "tausend": 1e3, "thousand": 1e3, "k": 1e3,
    "mio.": 1e6, "mio": 1e6, "million": 1e6, "millionen": 1e6, "mn": 1e6, "m": 1e6,
    "mrd.": 1e9, "mrd": 1e9, "milliarde": 1e9, "milliarden": 1e9, "billion": 1e9, "bn": 1e9, "b": 1e9,
    "billionen": 1e12, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
SCALE = (
    r"(?:\s?(?:Tsd\.|Tausend|thousand|Mio\.|Millionen|Million|million|Mrd\.|Milliarden|Milliarde|billion"
    r"|Billionen|trillion)(?![\w])|(?:mn|bn|tn|m|b|k)(?![\w]))"
)
APPROX = (
    r"rund|etwa|ca\.|circa|zirka|ungefähr|annähernd|bis zu|mehr als|über|knapp|fast|nahezu|beinahe|gut|mindestens"
    r"|weniger als|unter|an die|um die|gegen|schätzungsweise|about|around|roughly|approximately|approx\.|some"
    r"|up to|more than|over|nearly|almost|close to|at least|less than|fewer than|under|as many as|an estimated"
    r"|upwards of|just over|just under|well over|slightly more than|in excess of"
)
_APPROX_BEFORE = re.compile(rf"(?:^|[\s(–-])(?:{APPROX})\s+(?:(?:der|die|the|a|jede[rs]?)\s+)?$", re.I)

_DE_WORD = (
    r"(?:ein|eins|zwei|drei|vier|fünf|sechs|sieben|sieb|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|fünfzig"
    r"|sechzig|siebzig|achtzig|neunzig|hundert|tausend|und)+"
)
_EN_UNIT = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand"
)
_EN_WORDS = rf"(?:{_EN_UNIT})(?:(?:-|\s+(?:and\s+)?)(?:{_EN_UNIT}))*"
_WORD_SCALE = r"(?:\s+(?:Millionen|Million|Milliarden|Milliarde|million|billion))?"
_ARTICLE_WORDS = {"ein", "eine", "eins", "einen", "einem", "einer", "und", "one", "acht", "a", "an"}

_FRACTIONS_DE = {
    "hälfte": 2, "drittel": 3, "viertel": 4, "fünftel": 5, "sechstel": 6, "siebtel": 7, "achtel": 8,
    "neuntel": 9, "zehntel": 10, "elftel": 11, "zwölftel": 12,
}  # fmt: skip
_FRACTIONS_EN = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
    "sixth": 6, "sixths": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "tenths": 10, "twelfth": 12,
}  # fmt: skip
_ORDINALS_DE = {
    "zweite": 2, "dritte": 3, "vierte": 4, "fünfte": 5, "sechste": 6, "siebte": 7, "achte": 8, "neunte": 9,
    "zehnte": 10, "elfte": 11, "zwölfte": 12, "zwanzigste": 20, "fünfzehnte": 15,
}  # fmt: skip
_NUMERATORS = {"ein": 1, "eine": 1, "einen": 1, "einem": 1, "die": 1, "a": 1, "one": 1, "the": 1, "zwei": 2,
               "two": 2, "drei": 3, "three": 3, "vier": 4, "four": 4}  # fmt: skip

_FRACTION_DE_RE = re.compile(
    r"(?<![\w])(?:(ein|eine|einen|einem|die|zwei|drei|vier)\s+)?"
    r"((?:\w+?zehn|\w+?zig)s?tel|hälfte|drittel|viertel|fünftel|sechstel|siebtel|achtel|neuntel|zehntel|elftel"
    r"|zwölftel)(?![\w])",
    re.I,
)
_JEDE_RE = re.compile(r"(?<![\w])jede[rsn]?\s+(" + "|".join(_ORDINALS_DE) + r")(?![\w])", re.I)
_FRACTION_EN_RE = re.compile(
    r"(?<![\w])(a|one|two|three|four|the)?[\s-]*(half|halves|thirds?|quarters?|fifths?|sixths?|seventh|eighth"
    r"|ninth|tenths?|twelfth)(?![\w])",
    re.I,
)
_ONE_IN_RE = re.compile(
    rf"(?<![\w])(?:one|1|eine[rns]?|einer)\s+(?:in|out of|of|von)\s+(?:every\s+)?(\d+|{_EN_UNIT}|zehn|fünf|vier|drei)(?![\w])",
    re.I,
)
_PERCENT_RE = re.compile(
    rf"(?<![\w.,])({NUMERAL}|{_DE_WORD}|{_EN_WORDS})\s?(?:%|prozent(?![\w-])|percent(?![\w])|per cent(?![\w])|pct\b)",
    re.I,
)
_DIGITS_RE = re.compile(rf"(?<![\w.,/-])({NUMERAL})({SCALE})?(?![\w]|[.,]\d)", re.I)
_WORDS_RE = re.compile(
    rf"(?<![\w-])({_DE_WORD}|{_EN_WORDS}|eine|an?(?=\s+(?:million|billion)))({_WORD_SCALE})(?![\w-])", re.I
)


@dataclass(frozen=True)
class Quantity:
    """A number found in text: `kind` is count, percent or fraction (a share in percent)."""

    start: int
    end: int
    value: float
    kind: str
    approx: bool
    text: str


def parse_numeral(text: str, *, decimal_hint: str | None = None) -> float | None:
    """Digits in German or English notation ("16.000", "16,000", "1,2", "1.2") to a number.

    `decimal_hint` (`,` or `.`) decides an ambiguous single group such as "1.250" when a scale
    word follows (German "1,250 Milliarden" vs English "1.250 billion").
    """
    s = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ").strip()
    grouped = re.fullmatch(r"(\d{1,3})(([., ])\d{3})((?:\3\d{3})*)(?:([.,])(\d+))?", s)
    if grouped:
        sep = grouped.group(3)
        if not grouped.group(4) and not grouped.group(5) and decimal_hint == sep:
            return float(s.replace(sep, "."))
        whole = s[: grouped.start(5)] if grouped.group(5) else s
        value = float(whole.replace(sep, "").replace(" ", ""))
        if grouped.group(5):
            value += float("0." + grouped.group(6))
        return value
    if re.fullmatch(r"\d+(?:[.,]\d+)?", s):
        return float(s.replace(",", "."))
    return None


@lru_cache(maxsize=4096)
def parse_number_words(text: str) -> float | None:
    """German or English number words ("elftausend", "eleven thousand", "zehn") to a number."""
    s = " ".join(text.lower().replace("-", " ").split())
    if s in {"eine", "a", "an"}:
        return 1.0
    if not s or s in _ARTICLE_WORDS:
        return None
    for lang in ("de", "en") if re.search(r"[äöüß]|zig|zehn|ein|und", s) else ("en", "de"):
        try:
            return float(text2num(s, lang))
        except ValueError:
            continue
    return None


def scale_factor(word: str | None) -> float:
    if not word:
        return 1.0
    w = word.strip()
    if w == "Billion":  # German "Billion" is 10^12; English writes "billion"
        return 1e12
    return SCALES.get(w.lower(), 1.0)


def is_approx_before(text: str, start: int) -> bool:
    """True when an approximation word ("rund", "up to", "fast die") ends right before `start`."""
    return bool(_APPROX_BEFORE.search(text[max(0, start - 30) : start]))


def find_quantities(text: str, *, lang: str | None = None) -> list[Quantity]:
    """Counts, percentages and fractions in `text`, left to right, without overlaps."""
    decimal_hint = "," if lang == "de" else "." if lang == "en" else None
    found: list[Quantity] = []

    def add(start: int, end: int, value: float | None, kind: str) -> None:
        if value is None:
            return
        found.append(Quantity(start, end, value, kind, is_approx_before(text, start), text[start:end]))

    for m in _PERCENT_RE.finditer(text):
        raw = m.group(1)
        value = parse_numeral(raw) if raw[0].isdigit() else parse_number_words(raw)
        add(m.start(), m.end(), value, "percent")
    for m in _FRACTION_DE_RE.finditer(text):
        denominator = _fraction_denominator_de(m.group(2))
        numerator = _NUMERATORS.get((m.group(1) or "ein").lower(), 1)
        if denominator:
            add(m.start(), m.end(), round(100 * numerator / denominator, 2), "fraction")
    for m in _JEDE_RE.finditer(text):
        add(m.start(), m.end(), round(100 / _ORDINALS_DE[m.group(1).lower()], 2), "fraction")
    for m in _FRACTION_EN_RE.finditer(text):
        word = m.group(2).lower()
        numerator = _NUMERATORS.get((m.group(1) or "a").lower(), 1)
        if word in {"quarter", "quarters"} and not m.group(1):
            continue  # "the first quarter" is a period, "a quarter of" a share
        if word in {"quarter", "quarters"} and re.match(
            r"\s+(?:of\s+)?(?:\d{4}|results|earnings)", text[m.end() :]
        ):
            continue
        add(m.start(), m.end(), round(100 * numerator / _FRACTIONS_EN[word], 2), "fraction")
    for m in _ONE_IN_RE.finditer(text):
        raw = m.group(1)
        denominator = parse_numeral(raw) if raw[0].isdigit() else parse_number_words(raw)
        if denominator:
            add(m.start(), m.end(), round(100 / denominator, 2), "fraction")
    for m in _DIGITS_RE.finditer(text):
        value = parse_numeral(m.group(1), decimal_hint=decimal_hint if m.group(2) else None)
        if value is not None:
            add(m.start(), m.end(), value * scale_factor(m.group(2)), "count")
    for m in _WORDS_RE.finditer(text):
        value = parse_number_words(m.group(1))
        if value is None or (m.group(1).lower() in _ARTICLE_WORDS and not m.group(2).strip()):
            continue
        add(m.start(), m.end(), value * scale_factor(m.group(2).strip() or None), "count")
    return _ranges(text, _without_overlaps(found))


_RANGE_BEFORE = re.compile(r"(?:zwischen|between)\s+$", re.I)
_RANGE_JOIN = re.compile(r"^\s+(?:und|and)\s+$", re.I)


def _ranges(text: str, items: list[Quantity]) -> list[Quantity]:
    """ "zwischen 400 und 500", "between 400 and 500": one approximate count, the range's upper end."""
    out: list[Quantity] = []
    skip = False
    for a, b in zip(items, [*items[1:], None], strict=False):
        if skip:
            skip = False
            continue
        if (
            b is not None
            and a.kind == b.kind == "count"
            and _RANGE_BEFORE.search(text[max(0, a.start - 12) : a.start])
            and _RANGE_JOIN.match(text[a.end : b.start])
            and b.value > a.value
        ):
            out.append(Quantity(a.start, b.end, b.value, "count", True, text[a.start : b.end]))
            skip = True
            continue
        out.append(a)
    return out


def _fraction_denominator_de(word: str) -> int | None:
    w = word.lower()
    if w in _FRACTIONS_DE:
        return _FRACTIONS_DE[w]
    stem = w[:-4] if w.endswith("stel") else w[:-3]
    value = parse_number_words(stem)
    return int(value) if value else None


def _without_overlaps(items: list[Quantity]) -> list[Quantity]:
    # percentages and fractions win over the bare count inside them; then the longer match
    rank = {"percent": 0, "fraction": 1, "count": 2}
    chosen: list[Quantity] = []
    for q in sorted(items, key=lambda q: (rank[q.kind], -(q.end - q.start), q.start)):
        if all(q.end <= c.start or q.start >= c.end for c in chosen):
            chosen.append(q)
    return sorted(chosen, key=lambda q: q.start)
