"""Minting stable, opaque IRIs for entities, sources and graphs."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata

from firmgraph.graph.errors import NotFoundError

__all__ = [
    "KINDS",
    "curation_graph_iri",
    "entities_graph_iri",
    "entity_iri",
    "events_graph_iri",
    "linkset_graph_iri",
    "name_key",
    "opaque_key",
    "source_graph_iri",
]

KINDS = ("org", "person", "event", "doc", "filing", "quote", "membership", "run")

_LEGAL_SUFFIXES = {
    "ag", "se", "inc", "corp", "corporation", "co", "company", "gmbh", "mbh", "kg", "kgaa", "ltd", "limited",
    "plc", "llc", "lp", "sa", "nv", "bv", "ab", "asa", "oyj", "spa", "group", "gruppe", "holding",
    "holdings", "com", "konzern",
}  # fmt: skip
_FOLD = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "ł": "l", "đ": "d"})
_UMLAUT = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


def opaque_key(*parts: str) -> str:
    """A 16-character key derived from the parts: stable, but reveals nothing of them."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return base64.b32encode(digest[:10]).decode().lower()


def name_key(name: str, *, drop_legal_suffix: bool = True) -> str:
    """Normalise a name for matching: case, diacritics, punctuation and legal suffixes folded away."""
    text = name.lower().translate(_FOLD).translate(_UMLAUT)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\.(com|de|net|org|io)\b", " com", text)  # Amazon.com -> amazon
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # U.S. -> us
    words = re.findall(r"[a-z0-9]+", text)
    if drop_legal_suffix:
        while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
            words.pop()
    return " ".join(words)


def entity_iri(base: str, kind: str, key: str) -> str:
    """`{base}id/{kind}/{key}`."""
    if kind not in KINDS:
        raise NotFoundError(f"unknown kind of entity {kind!r}; the kinds are {', '.join(sorted(KINDS))}")
    return f"{base}id/{kind}/{key}"


def source_graph_iri(base: str, key: str) -> str:
    """The named graph that holds what one source states."""
    return f"{base}graph/doc/{key}"


def entities_graph_iri(base: str) -> str:
    """The named graph of resolved entities (organizations, people, memberships)."""
    return f"{base}graph/entities"


def events_graph_iri(base: str) -> str:
    """The named graph of canonical events and the reports resolved to each (`fg:reportOf`)."""
    return f"{base}graph/events"


def curation_graph_iri(base: str) -> str:
    """The named graph of a curator's decisions (reports merged or split), which resolution obeys."""
    return f"{base}graph/curation"


def linkset_graph_iri(base: str) -> str:
    """The named graph of vetted owl:sameAs links."""
    return f"{base}graph/linkset"
