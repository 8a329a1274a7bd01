"""Sentences with offsets, and evidence spans into the document text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from firmgraph.graph.sources.calendar import MONTH_RE

_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "inc",
        "corp",
        "co",
        "ltd",
        "jr",
        "sr",
        "nr",
        "no",
        "ca",
        "bzw",
        "vgl",
        "evtl",
        "ggf",
        "usw",
        "etc",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "okt",
        "nov",
        "dec",
        "dez",
        "z.b",
        "u.a",
        "d.h",
        "u.s",
        "e.g",
        "i.e",
        "mio",
        "mrd",
        "tsd",
        "abs",
        "art",
        "bspw",
        "sog",
        "inkl",
        "ggü",
        "zzgl",
        "max",
        "min",
        "gen",
        "gov",
        "sen",
        "rep",
        "mt",
        "ft",
    ]
)
_BOUNDARY = re.compile(r"([.!?…]+)([\"“”»«'’)]*)(\s+)(?=[\"„“»«‚'(\[]?[A-ZÄÖÜ0-9])")
_ORDINAL_NEXT = re.compile(
    rf"(?:{MONTH_RE}|Quartal|Jahrhundert|Stock|Platz|Mal|Jahrestag|Kalenderwoche)\b", re.I
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document: `start`/`end` are offsets into the document text."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int

    def at(self, start: int, end: int) -> tuple[int, int]:
        """Offsets of a match in `self.text` as document offsets."""
        return self.start + start, self.start + end


def split_sentences(text: str) -> list[Sentence]:
    """Split on paragraph breaks and sentence ends (not after abbreviations, initials or ordinals)."""
    sentences: list[Sentence] = []
    paragraph = 0
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        start = 0
        for m in _BOUNDARY.finditer(line):
            if not _is_boundary(line, m):
                continue
            end = m.end(2)
            _add(sentences, text, line_start + start, line_start + end, paragraph)
            start = m.end()
        _add(sentences, text, line_start + start, line_start + len(line), paragraph)
        paragraph += 1
    return sentences


def _is_boundary(line: str, m: re.Match[str]) -> bool:
    before = line[: m.start()]
    word = re.search(r"([\w.]+)$", before)
    token = word.group(1).lower() if word else ""
    if m.group(1) == "." and not m.group(2):
        if token in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", token):
            return False  # "Dr. Smith", "U.S. Steel", "J. Smith"
        if token.isdigit() and len(token) <= 2 and _ORDINAL_NEXT.match(line, m.end()):
            return False  # "am 2. Februar", "im 3. Quartal"
    return True


def _add(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end], paragraph))


def span(text: str, start: int, end: int) -> dict[str, int | str]:
    """An evidence span over `text[start:end]`, trimmed of surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return {"start": start, "end": end, "exact": text[start:end]}
