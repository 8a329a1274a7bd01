"""Entity resolution: names in a batch -> IRIs already in the store, or new opaque ones."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from firmgraph.graph.model.iris import entities_graph_iri, entity_iri, name_key, opaque_key
from firmgraph.graph.model.namespaces import FG, ORG, SCHEMA
from firmgraph.graph.model.terms import iri as term
from firmgraph.graph.store import Store

__all__ = ["Match", "Resolver", "descriptor_free", "head_key", "org_keys", "short_key"]


@dataclass(frozen=True)
class Match:
    """Why a name was given the IRI it got (kept for review).

    `kind` is "org" or "person"; `merged` is True when the name joined an entity the store already held,
    False when a new entity was minted (the reason then says which candidates were not merged and why).
    """

    name: str
    iri: str
    reason: str
    kind: str = "org"
    merged: bool = True

    def as_dict(self) -> dict[str, str | bool]:
        return {
            "kind": self.kind,
            "name": self.name,
            "iri": self.iri,
            "merged": self.merged,
            "reason": self.reason,
        }


def _literal(text: str) -> str:
    return str(ox.Literal(text))


class Resolver:
    """Resolves organization and person names against the entities graph of a store."""

    def __init__(self, store: Store | None, base: str) -> None:
        self.store = store
        self.base = base
        self.matches: list[Match] = []
        self.names: dict[str, str] = {}
        """IRI -> the schema:name the store already holds for it."""

    def known_keys(self, keys: set[str]) -> dict[str, str]:
        """Name key -> org IRI for the keys the store already knows."""
        if self.store is None or not keys:
            return {}
        values = " ".join(_literal(k) for k in sorted(keys))
        rows = self.store.query(
            f"SELECT ?key ?org ?name WHERE {{ GRAPH <{entities_graph_iri(self.base)}> {{ ?org <{FG.nameKey}> ?key"
            f" OPTIONAL {{ ?org <{SCHEMA.name}> ?name }} }} VALUES ?key {{ {values} }} }} ORDER BY ?org"
        )
        found: dict[str, str] = {}
        for row in rows:  # type: ignore[union-attr]
            found.setdefault(row["key"].value, row["org"].value)
            if row["name"] is not None:
                self.names.setdefault(row["org"].value, row["name"].value)
        return found

    def stored_name(self, iri: str) -> str | None:
        """The schema:name the store holds for an entity of the entities graph (looked up once)."""
        if iri not in self.names and self.store is not None:
            rows = self.store.query(
                f"SELECT ?name WHERE {{ GRAPH <{entities_graph_iri(self.base)}> {{ {term(iri)} <{SCHEMA.name}> ?name }} }}"
                " ORDER BY ?name LIMIT 1"
            )
            for row in rows:  # type: ignore[union-attr]
                self.names[iri] = row["name"].value
        return self.names.get(iri)

    def org(self, name: str, aliases: list[str], known: dict[str, str], *, by_trade: bool = True) -> str:
        """The IRI for an organization: an existing one sharing a name key, else minted from its name.

        `by_trade`: whether its name less the words of its trade may name it ("Aarenfeld Medical
        Technologies" is "Aarenfeld"); not for a unit of another firm, nor beside a firm of that name.
        """
        primary = name_key(name)
        ways = [
            (name_key, "name key {key!r} of {candidate!r} is already known"),
            (descriptor_free, "{candidate!r} names {key!r} with words that describe it in front"),
            (short_key, "{candidate!r} is {key!r} with a generic word after it"),
        ]
        if by_trade:
            ways.append((head_key, "{candidate!r} is {key!r} with the words of its trade after it"))
        for keyed, reason in ways:  # the closest way of naming it first
            for candidate in [name, *aliases]:
                key = keyed(candidate) or ""
                if key in known:
                    self.matches.append(Match(name, known[key], reason.format(key=key, candidate=candidate)))
                    return known[key]
        # another spelling of a known key: an umlaut spelled out, a place adjective ("Mürztaler" / "Muerztal")
        for key in sorted(org_keys(name, aliases, by_trade=by_trade)):
            if key in known:
                self.matches.append(Match(name, known[key], f"{name!r} is another spelling of {key!r}"))
                return known[key]
        # minted from the name without descriptors and generic endings, so "Hamburger Versicherer
        # Alsterland", "Alsterland Group" and "Alsterland" get one IRI in whichever order they arrive
        trade = head_key(name) if by_trade else None
        iri = entity_iri(
            self.base, "org", opaque_key("org", short_key(name) or trade or descriptor_free(name) or primary)
        )
        self.matches.append(Match(name, iri, f"new organization keyed on {primary!r}", "org", False))
        return iri

    def known_people(self, keys: set[str]) -> dict[str, dict[str, str]]:
        """Person name key -> {organization IRI: person IRI} for people the store already knows."""
        if self.store is None or not keys:
            return {}
        values = " ".join(_literal(k) for k in sorted(keys))
        rows = self.store.query(
            f"SELECT ?key ?person ?org WHERE {{ GRAPH <{entities_graph_iri(self.base)}> {{"
            f" ?person <{FG.nameKey}> ?key ; <{ORG.memberOf}> ?org }} VALUES ?key {{ {values} }} }}"
        )
        found: dict[str, dict[str, str]] = {}
        for row in rows:  # type: ignore[union-attr]
            found.setdefault(row["key"].value, {})[row["org"].value] = row["person"].value
        return found

    def person(self, name: str, orgs: list[str], known: dict[str, dict[str, str]]) -> str:
        """A person known by full name at one of these organizations, else a new IRI.

        People are never merged on a name alone: the same name at an unrelated firm is another person.
        """
        key = name_key(name)
        for org in orgs:
            if org in known.get(key, {}):
                iri = known[key][org]
                self.matches.append(
                    Match(name, iri, f"same name {key!r} at the same organization {org}", "person", True)
                )
                return iri
        iri = entity_iri(self.base, "person", opaque_key("person", key, orgs[0] if orgs else ""))
        elsewhere = sorted(known.get(key, {}))
        why = (
            f"new person: {key!r} is known only at other organizations ({', '.join(elsewhere)}),"
            " and people are not merged across firms on a name alone"
            if elsewhere
            else f"new person keyed on {key!r} at {orgs[0] if orgs else 'no organization'}"
        )
        self.matches.append(Match(name, iri, why, "person", False))
        return iri


_DESCRIPTORS = re.compile(
    r"(?i)^(?:tochter\w*|mutter\w*|konzern\w*|\w*investor(?:en)?|wagniskapitalgeber|\w*hersteller|"
    r"zulieferer|konkurrenten?|rivalen?|rivals?|versicherer|\w*bank|subsidiary|parent|maker|supplier|lender|insurer|"
    r"retailer|carrier|airline|chain)$"
)
_PLACE_ADJECTIVE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+er$")  # Heilbronner, Berliner, Londoner


def descriptor_free(name: str) -> str | None:
    """The name key without the words that describe the firm in front of its name, if there are any.

    "die Hallbach GmbH", "Heilbronner Muttergesellschaft Veltrum", "Bellevue-based Quillmark Software",
    "Finland's Kempower": articles, place adjectives, "-based", possessives and words such as
    Tochter, parent or investor are not part of the name. Used only to find an organization the
    record or the store already names, never to mint one.
    """
    words = name.split()
    start = 0
    descriptive = False  # a place adjective alone ("Berliner Volksbank") is part of the name
    while start < len(words) - 1:
        w = words[start]
        generic = w[:1].islower() or bool(_DESCRIPTORS.match(w)) or w.endswith(("-based", "'s", "’s"))
        if not (generic or _PLACE_ADJECTIVE.match(w)):
            break
        descriptive = descriptive or generic
        start += 1
    if not descriptive:
        return None
    return name_key(" ".join(words[start:])) or None


_GENERIC_ENDINGS = frozenset(
    [
        "group",
        "gruppe",
        "holding",
        "holdings",
        "company",
        "konzern",
        "software",
        "technologies",
        "technology",
        "systems",
        "solutions",
        "labs",
        "international",
        "worldwide",
    ]
)
_GENERIC_HEADS = frozenset(
    [
        "deutsche",
        "deutscher",
        "general",
        "united",
        "american",
        "national",
        "first",
        "royal",
        "new",
        "global",
        "international",
        "european",
        "british",
        "swiss",
        "german",
    ]
)


def short_key(name: str) -> str | None:
    """The one distinctive word of a name that only adds generic words after it, if so.

    "Quillmark Software Inc." and "Quillmark Group" are "quillmark"; "Siemens Energy", "Deutsche
    Bank" and "Software AG" are their own names (an ending that names a business, a generic first
    word, a name of one word).
    """
    words = (descriptor_free(name) or name_key(name)).split()
    if len(words) < 2 or words[-1] not in _GENERIC_ENDINGS:
        return None
    while len(words) > 1 and words[-1] in _GENERIC_ENDINGS:
        words.pop()
    if len(words) != 1:
        return None
    head = words[0]
    return head if len(head) >= 4 and head.isalpha() and head not in _GENERIC_HEADS else None


# Words that say what a firm makes or does, in German and English: "Aarenfeld Medizintechnik AG" and
# "Aarenfeld Medical Technologies" name one firm. Words that name a business line of its own (Energy,
# Bank, Digital, Media) are not among them: "Siemens Energy" is not Siemens.
_TRADE_WORDS = frozenset((
    "technologies", "technology", "tech", "technik", "medical", "medizintechnik", "analytics", "castings",
    "casting", "foundry", "manufacturing", "industries", "industrie", "engineering", "systems", "systeme",
    "solutions", "software", "labs", "robotics", "electronics", "elektronik", "precision", "tooling",
    "components", "komponenten", "chemicals", "chemie", "plastics", "kunststoffe", "materials", "metals",
    "metall", "foods", "lebensmittel", "logistics", "logistik", "automotive", "textiles", "textil",
    "furniture", "möbel", "packaging", "instruments", "devices", "gear", "machinery", "machines", "maschinen",
    "maschinenbau", "equipment", "sensors", "sensorik", "optics", "optik", "controls", "drives", "antriebe",
    "getriebe", "therapeutics", "pharmaceuticals", "biotech", "diagnostics", "werke", "gusswerke",
))  # fmt: skip
_TRADE_ENDINGS = ("technik", "werke", "bau", "guss", "chemie", "systeme", "anlagen", "komponenten", "elektronik")  # fmt: skip


def _is_trade_word(word: str) -> bool:
    return word in _TRADE_WORDS or (len(word) > 8 and word.endswith(_TRADE_ENDINGS))


def head_key(name: str) -> str | None:
    """The distinctive first word of a name whose other words only name the firm's trade, if so.

    "Aarenfeld Medizintechnik AG" and "Aarenfeld Medical Technologies" are "aarenfeld"; "Siemens
    Energy", "Deutsche Bahn" and one-word names are not cut short.
    """
    words = (descriptor_free(name) or name_key(name)).split()
    if len(words) < 2 or not all(_is_trade_word(w) for w in words[1:]):
        return None
    head = words[0]
    return head if len(head) >= 4 and head.isalpha() and head not in _GENERIC_HEADS else None


def org_keys(name: str, aliases: list[str], *, by_trade: bool = True) -> set[str]:
    """All name keys of an organization (for lookups and for fg:nameKey); `by_trade` as in `Resolver.org`."""
    keys = {name_key(n) for n in [name, *aliases]}
    keys |= {k[4:] for k in keys if k.startswith("the ")}
    keys |= {k for n in [name, *aliases] if (k := descriptor_free(n))}
    keys |= {k for n in [name, *aliases] if (k := short_key(n))}
    if by_trade:
        heads = {k for n in [name, *aliases] if (k := head_key(n))}
        # a German place adjective names the firm after its place: "Mürztaler Gusswerke" / "Muerztal Castings"
        keys |= heads | {h[:-2] for h in heads if len(h) >= 8 and h.endswith("er")}
    keys |= {_UMLAUT_SPELLED.sub(lambda m: m.group(1), k) for k in keys}
    return {k for k in keys if k}


# Name keys drop diacritics ("Mürztal" -> "murztal"); the spelling English text uses for an umlaut
# ("Muerztal", "Kuehne") gives the same key once its e goes too.
_UMLAUT_SPELLED = re.compile(r"([aou])e(?=[^aeiouy\s]|$)")
