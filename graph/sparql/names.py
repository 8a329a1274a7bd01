"""Finding firms and people by name: search (ranked hits) and resolve (one IRI, or the choices).

One SPARQL query through whatever runs queries for the caller (the bounded engine for the server,
the store for the Python API), so the answer is what the graph holds now, imports and deletes
included, with no second index to keep in step. Matching is case-insensitive and partial on the
names, alternate names, labels and headlines as written, and accent- and punctuation-insensitive
on `fg:nameKey` (the key entity resolution matches names on: "Müller AG" -> "muller").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

import pyoxigraph as ox

from firmgraph.graph.errors import AmbiguousNameError, InputError, NotFoundError
from firmgraph.graph.model.iris import name_key
from firmgraph.graph.model.namespaces import FG, RDFS, SCHEMA

__all__ = ["ENTITY_KINDS", "SEARCH_KINDS", "Hit", "looks_like_iri", "resolve", "search"]

Runner = Callable[[str], ox.QuerySolutions]

ENTITY_KINDS = ("org", "person")
"""What `resolve` finds by default: the kinds a view can centre on."""
SEARCH_KINDS = ("org", "person", "event", "doc", "filing")
_KIND_ORDER = {kind: i for i, kind in enumerate(SEARCH_KINDS)}
_LABELS = (SCHEMA.name, SCHEMA.alternateName, RDFS.label, SCHEMA.headline, FG.nameKey)
_MAX_QUERY = 200
_SCAN = 2000
"""At most this many matching labels are ranked (a one-letter query must not read the whole graph)."""


@dataclass(frozen=True)
class Hit:
    """One entity that matches, with the label that matched and how well."""

    iri: str
    name: str
    """Its schema:name (else the label that matched)."""
    kind: str
    """org, person, event, doc or filing (from the IRI)."""
    matched: str
    rank: int
    """0 exact, 1 prefix, 2 a word starts with the query, 3 contained."""

    def to_json(self) -> dict[str, str | int]:
        return asdict(self)


def looks_like_iri(text: str) -> bool:
    """Whether a focus or firm value is an IRI rather than a name."""
    return "://" in text or text.startswith(("urn:", "<"))


def _literal(text: str) -> str:
    return str(ox.Literal(text))


def _rank(label: str, needle: str) -> int:
    value = label.lower()
    if value == needle:
        return 0
    if value.startswith(needle):
        return 1
    if f" {needle}" in f" {value}" or any(w.startswith(needle) for w in value.replace("-", " ").split()):
        return 2
    return 3


def _kind(iri: str) -> str:
    """The kind of a data IRI, `{base}id/{kind}/{key}` ('' for any other IRI)."""
    _, sep, tail = iri.rpartition("/id/")
    return tail.split("/", 1)[0] if sep and "/" in tail else ""


def search(
    run: Runner,
    text: str,
    *,
    base_iri: str | None = None,
    kinds: Iterable[str] = SEARCH_KINDS,
    limit: int = 20,
) -> list[Hit]:
    """Entities whose names contain the text (case-insensitive; accents folded on name keys), best first.

    Raises:
        InputError: an empty query, or one longer than 200 characters.
    """
    needle = " ".join(text.split()).lower()
    if not needle:
        raise InputError("type part of a name to search for")
    if len(needle) > _MAX_QUERY:
        raise InputError(f"a search is at most {_MAX_QUERY} characters")
    wanted = tuple(k for k in kinds if k in _KIND_ORDER) or SEARCH_KINDS
    key = name_key(needle, drop_legal_suffix=False)
    within = f"  FILTER(STRSTARTS(STR(?x), {_literal(base_iri + 'id/')}))\n" if base_iri else ""
    values = " ".join(f"<{p}>" for p in _LABELS)
    folded = f" || CONTAINS(STR(?label), {_literal(key)})" if key else ""
    query = (
        "SELECT ?x ?label ?name WHERE {\n"
        f"  VALUES ?p {{ {values} }}\n"
        "  ?x ?p ?label .\n"
        f"{within}"
        f"  FILTER(CONTAINS(LCASE(STR(?label)), {_literal(needle)}){folded})\n"
        f"  OPTIONAL {{ ?x <{SCHEMA.name}> ?name }}\n"
        f"}} LIMIT {_SCAN}"
    )
    best: dict[str, Hit] = {}
    for row in run(query):
        iri = row["x"].value  # type: ignore[union-attr]
        kind = _kind(iri)
        if kind not in wanted:
            continue
        label = row["label"].value  # type: ignore[union-attr]
        name = row["name"].value if row["name"] is not None else label  # type: ignore[union-attr]
        rank = min(_rank(label, needle), _rank(label, key) if key else 3)
        hit = Hit(iri, name, kind, label, rank)
        old = best.get(iri)
        if old is None or (hit.rank, len(hit.matched)) < (old.rank, len(old.matched)):
            best[iri] = hit
    hits = sorted(best.values(), key=lambda h: (h.rank, _KIND_ORDER[h.kind], len(h.name), h.name, h.iri))
    return hits[:limit]


def resolve(
    run: Runner,
    text: str,
    *,
    base_iri: str | None = None,
    kinds: Iterable[str] = ENTITY_KINDS,
    what: str = "focus",
) -> str:
    """The IRI a focus or firm value names: an IRI as given, or the one entity with that name.

    Raises:
        NotFoundError: no entity has a name that contains the text.
        AmbiguousNameError: several do and none is named exactly so (the error lists them).
    """
    value = text.strip()
    if looks_like_iri(value):
        return value.strip("<>")
    hits = search(run, value, base_iri=base_iri, kinds=kinds, limit=10)
    exact = [h for h in hits if h.rank == 0]
    if len(exact) == 1 or (len(hits) == 1 and not exact):
        return (exact or hits)[0].iri
    if not hits:
        raise NotFoundError(
            f"no firm or person named {value!r} in the graph ({what}); try a shorter part of the name"
        )
    choices = [{"iri": h.iri, "name": h.name, "kind": h.kind} for h in (exact or hits)]
    names = "; ".join(f"{c['name']} ({c['kind']})" for c in choices[:5])
    raise AmbiguousNameError(
        f"{value!r} ({what}) fits {len(choices)} entities: {names}", name=value, choices=choices
    )
