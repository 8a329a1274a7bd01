"""Facts as pages show them: labelled values with the evidence (quote and source) behind each.

The building blocks of the entity profiles (`firmgraph.graph.profiles.kinds`): labels for IRIs, the
evidence annotations for (subject, property) pairs, source summaries, and an entity's statements
grouped by property.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from firmgraph.graph.model.namespaces import FG, PREFIXES, RDF, XSD, sparql_prologue
from firmgraph.graph.model.terms import iri as iri_text
from firmgraph.graph.sparql.results import select
from firmgraph.graph.store import Queryable

__all__ = [
    "Evidence",
    "Fact",
    "Ref",
    "Source",
    "Value",
    "evidence_for",
    "facts_of",
    "label_map",
    "value_of",
]

PROLOGUE = sparql_prologue()
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


@dataclass(frozen=True)
class Ref:
    """A resource as a link: its IRI and what to call it."""

    iri: str
    label: str


@dataclass(frozen=True)
class Source:
    """A source document: an article (or a record) with its date and outlet."""

    iri: str
    label: str
    date: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact was read from, and where."""

    quote: str
    source: Source
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Value:
    """One object of a statement, ready to show."""

    text: str
    iri: str | None = None
    datatype: str | None = None
    language: str | None = None
    approximate: bool = False
    scope: str | None = None


@dataclass
class Fact:
    """One property of a subject with its values and the evidence for them."""

    prop: Ref
    values: list[Value] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def iri_list(iris: Iterable[str]) -> str:
    """IRIs for a VALUES block (each parsed, so nothing but an IRI gets in)."""
    return " ".join(str(ox.NamedNode(i)) for i in sorted(set(iris)))


def compact(iri: str) -> str:
    for prefix, namespace in _NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def label_map(store: Queryable, iris: Iterable[str]) -> dict[str, str]:
    """What to call each IRI: a name, headline or English label from the store, else a compact IRI."""
    chosen = sorted(set(iris))
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(chosen), 400):
        rows = select(
            store,
            f"""SELECT ?s ?l ?rank WHERE {{ VALUES ?s {{ {iri_list(chosen[start : start + 400])} }}
              {{ ?s schema:name ?l BIND(0 AS ?rank) }}
              UNION {{ ?s schema:headline ?l BIND(1 AS ?rank) }}
              UNION {{ ?s skos:prefLabel ?l FILTER(LANGMATCHES(LANG(?l), "en")) BIND(2 AS ?rank) }}
              UNION {{ ?s rdfs:label ?l FILTER(LANG(?l) = "" || LANGMATCHES(LANG(?l), "en")) BIND(3 AS ?rank) }}
            }}""",
        )
        for row in rows:
            iri, rank, text = row["s"].value, int(row["rank"].value), row["l"].value
            if iri not in found or (rank, text) < found[iri]:
                found[iri] = (rank, text)
    return {iri: found[iri][1] if iri in found else _fallback(iri) for iri in chosen}


def _fallback(iri: str) -> str:
    short = compact(iri)
    if short != iri:
        return short
    return iri.rstrip("/").rsplit("/", 1)[-1]


def sources(store: Queryable, docs: Iterable[str]) -> dict[str, Source]:
    """Headline (or name), date, outlet and URL of source documents."""
    chosen = sorted(set(docs))
    if not chosen:
        return {}
    rows = select(
        store,
        f"""SELECT ?d (SAMPLE(?h) AS ?headline) (SAMPLE(?n) AS ?name) (SAMPLE(?date) AS ?day)
                   (SAMPLE(?outletName) AS ?outlet) (SAMPLE(?u) AS ?url) WHERE {{
              VALUES ?d {{ {iri_list(chosen)} }}
              OPTIONAL {{ ?d schema:headline ?h }} OPTIONAL {{ ?d schema:name ?n }}
              OPTIONAL {{ ?d schema:datePublished ?date }} OPTIONAL {{ ?d schema:url ?u }}
              OPTIONAL {{ ?d schema:publisher/schema:name ?outletName }}
            }} GROUP BY ?d""",
    )
    found = {}
    for row in rows:
        iri = row["d"].value
        label = (row.get("headline") or row.get("name") or ox.Literal(_fallback(iri))).value
        found[iri] = Source(
            iri,
            label,
            row["day"].value if "day" in row else None,
            row["outlet"].value if "outlet" in row else None,
            row["url"].value if "url" in row else None,
        )
    return {d: found.get(d, Source(d, _fallback(d))) for d in chosen}


def evidence_for(
    store: Queryable, subjects: Iterable[str], limit: int = 2000
) -> dict[tuple[str, str | None], list[Evidence]]:
    """Evidence by (subject, property): annotations on the subject (with fg:onProperty) or on its figures.

    A figure's evidence counts for the direct property it backs (its fg:measure); an annotation
    without fg:onProperty supports the subject as a whole (key property None).
    """
    chosen = sorted(set(subjects))
    if not chosen:
        return {}
    values = iri_list(chosen)
    target = """?anno oa:hasTarget ?target . ?target oa:hasSource ?doc ; oa:hasSelector ?quoteSelector .
        ?quoteSelector oa:exact ?quote .
        OPTIONAL { ?target oa:hasSelector/oa:start ?start } OPTIONAL { ?target oa:hasSelector/oa:end ?end }"""
    rows = select(
        store,
        # single-pattern OPTIONALs: pyoxigraph evaluates a multi-pattern OPTIONAL on its own and
        # joins afterwards, over every selector in the store (4 s per page at 1M quads; paths: 10 ms)
        f"""SELECT ?subject ?prop ?quote ?doc ?start ?end WHERE {{
              {{ VALUES ?subject {{ {values} }} ?anno oa:hasBody ?subject . {target}
                 OPTIONAL {{ ?anno fg:onProperty ?prop }} }}
              UNION {{ VALUES ?subject {{ {values} }} ?subject fg:figure ?figure . ?figure fg:measure ?prop .
                       ?anno oa:hasBody ?figure . {target} }}
            }} LIMIT {int(limit)}""",
    )
    docs = sources(store, (r["doc"].value for r in rows))
    found: dict[tuple[str, str | None], list[Evidence]] = defaultdict(list)
    for row in rows:
        key = (row["subject"].value, row["prop"].value if "prop" in row else None)
        item = Evidence(
            row["quote"].value,
            docs[row["doc"].value],
            int(row["start"].value) if "start" in row else None,
            int(row["end"].value) if "end" in row else None,
        )
        if item not in found[key]:
            found[key].append(item)
    return dict(found)


def value_of(term: Any, labels: dict[str, str], prop: str | None = None) -> Value:
    """A term as a Value: IRIs labelled, numbers grouped, shares also as a percentage."""
    if isinstance(term, ox.NamedNode):
        return Value(labels.get(term.value, _fallback(term.value)), iri=term.value)
    if isinstance(term, ox.BlankNode):
        return Value(f"_:{term.value}")
    if not isinstance(term, ox.Literal):
        return Value(str(term))
    datatype = term.datatype.value
    text = term.value
    try:
        if datatype == str(XSD.integer):
            text = f"{int(term.value):,}"
        elif datatype == str(XSD.decimal):
            number = Decimal(term.value)
            if prop == str(FG.workforceShare):
                text = f"{term.value} ({number * 100:.4g} %)"
            elif number == number.to_integral_value():
                text = f"{int(number):,}"
    except (ValueError, InvalidOperation):
        pass
    short = None if datatype in (str(XSD.string), str(RDF.langString)) else compact(datatype)
    return Value(text, datatype=short, language=term.language)


def facts_of(store: Queryable, iri: str, *, skip: Iterable[str] = ()) -> list[Fact]:
    """Every statement about a subject, grouped by property, with labels, figure details and evidence."""
    skipped = set(skip)
    rows = select(store, f"SELECT ?p ?o WHERE {{ {iri_text(iri)} ?p ?o }}")
    rows = [r for r in rows if r["p"].value not in skipped]
    figures = {
        r["measure"].value: r
        for r in select(
            store,
            f"""SELECT ?measure ?approximate ?scope WHERE {{ {iri_text(iri)} fg:figure ?f .
                ?f fg:measure ?measure . OPTIONAL {{ ?f fg:approximate ?approximate }}
                OPTIONAL {{ ?f fg:scope ?scope }} }}""",
        )
    }
    iris = {r["p"].value for r in rows} | {r["o"].value for r in rows if isinstance(r["o"], ox.NamedNode)}
    iris |= {f["scope"].value for f in figures.values() if "scope" in f}
    labels = label_map(store, iris)
    evidence = evidence_for(store, [iri])
    by_prop: dict[str, Fact] = {}
    for row in rows:
        prop = row["p"].value
        fact = by_prop.setdefault(prop, Fact(Ref(prop, labels[prop]), evidence=evidence.get((iri, prop), [])))
        value = value_of(row["o"], labels, prop)
        detail = figures.get(prop)
        if detail is not None:
            approximate = "approximate" in detail and detail["approximate"].value in ("true", "1")
            scope = labels[detail["scope"].value] if "scope" in detail else None
            value = Value(value.text, value.iri, value.datatype, value.language, approximate, scope)
        fact.values.append(value)
    order = {str(RDF.type): 0}
    return sorted(by_prop.values(), key=lambda f: (order.get(f.prop.iri, 1), f.prop.label.lower()))
