"""What an entity page shows, kind by kind: firms, people, events, articles, filings (and a generic view).

Each profile is plain data built from a few SPARQL queries keyed by the entity's IRI (index lookups,
so a page costs the same in a small store and a large one). The templates only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from firmgraph.graph.errors import NotFoundError
from firmgraph.graph.model.namespaces import FG, RDF, RDFS, SCHEMA
from firmgraph.graph.model.terms import iri as iri_text
from firmgraph.graph.profiles.describe import exists
from firmgraph.graph.profiles.facts import (
    Fact,
    Ref,
    Source,
    evidence_for,
    facts_of,
    label_map,
    sources,
)
from firmgraph.graph.profiles.reports import compare, event_reports
from firmgraph.graph.sparql.counting import firm_total
from firmgraph.graph.sparql.results import select
from firmgraph.graph.store import Queryable

__all__ = [
    "Profile",
    "Role",
    "kind_of",
    "linked_from",
    "profile",
    "quotes",
    "related_firms",
    "roles",
]

IDENTIFIERS = (SCHEMA.leiCode, SCHEMA.tickerSymbol, FG.cik, SCHEMA.sameAs, SCHEMA.url)


@dataclass
class Role:
    """A person's role at an organization, with when it was reported."""

    person: Ref
    organization: Ref
    role: str | None
    role_text: str | None
    start: str | None = None
    end: str | None = None
    reported: list[Source] = field(default_factory=list)
    membership: str | None = None


@dataclass
class Profile:
    """Everything an entity page shows."""

    iri: str
    kind: str
    title: str
    types: list[Ref]
    facts: list[Fact]
    sections: dict[str, Any] = field(default_factory=dict)


def kind_of(iri: str, base: str) -> str:
    """The kind segment of a data IRI (`{base}id/{kind}/{key}`), or "" for other IRIs."""
    if not iri.startswith(base + "id/"):
        return ""
    return iri[len(base) + 3 :].split("/", 1)[0]


def profile(store: Queryable, iri: str, base: str) -> Profile:
    """The page data for an entity.

    Raises:
        NotFoundError: the store states nothing about the IRI.
    """
    if not exists(store, iri):
        raise NotFoundError(f"no entity <{iri}>")
    kind = kind_of(iri, base)
    facts = facts_of(store, iri, skip=[str(FG.nameKey)])
    types = next((f.values for f in facts if f.prop.iri == str(RDF.type)), [])
    title = _title(facts) or iri.rsplit("/", 1)[-1]
    page = Profile(iri, kind, title, [Ref(v.iri or "", v.text) for v in types], facts)
    builder = _BUILDERS.get(kind)
    if builder is not None:
        builder(store, page)
    return page


def _title(facts: list[Fact]) -> str | None:
    """A name, a headline, a label (events: "Amazon: layoff (30,000 jobs)"), else the type."""
    for prop in (SCHEMA.name, SCHEMA.headline, RDFS.label, RDF.type):
        for fact in facts:
            if fact.prop.iri == str(prop) and fact.values:
                return fact.values[0].text
    return None


def _ref(row: dict[str, Any], var: str, labels: dict[str, str]) -> Ref:
    iri = row[var].value
    return Ref(iri, labels.get(iri, iri))


def _refs(store: Queryable, sparql: str, var: str = "x") -> list[Ref]:
    rows = select(store, sparql)
    labels = label_map(store, (r[var].value for r in rows))
    return sorted({_ref(r, var, labels) for r in rows}, key=lambda r: r.label.lower())


# -- firms ------------------------------------------------------------------------------------------


def _firm(store: Queryable, page: Profile) -> None:
    node = str(ox.NamedNode(page.iri))
    s = page.sections
    s["identifiers"] = [f for f in page.facts if f.prop.iri in {str(p) for p in IDENTIFIERS}]
    s["names"] = [v.text for f in page.facts if f.prop.iri == str(SCHEMA.alternateName) for v in f.values]
    s["parents"] = _refs(store, f"SELECT ?x WHERE {{ {node} org:subOrganizationOf|org:unitOf ?x }}")
    s["units"] = _refs(store, f"SELECT ?x WHERE {{ ?x org:subOrganizationOf|org:unitOf {node} }}")
    s["people"] = roles(store, organization=page.iri)
    events = event_reports(store, firm=page.iri)
    s["events"] = events
    s["comparisons"] = compare(events)
    s["totals"] = firm_total(store, page.iri)
    """(real-world events, jobs cut), counted as every other view counts them (sparql.counting)."""
    s["filings"] = _refs(store, f"SELECT ?x WHERE {{ ?x fg:filer {node} }}")
    articles = select(
        store,
        f"""SELECT DISTINCT ?d WHERE {{ ?d schema:about|schema:mentions {node} }} LIMIT 200""",
    )
    s["articles"] = sorted(
        sources(store, (r["d"].value for r in articles)).values(), key=lambda d: d.date or "", reverse=True
    )
    s["related"] = related_firms(store, page.iri)


def related_firms(store: Queryable, iri: str, limit: int = 20) -> list[tuple[Ref, str]]:
    """Firms linked to this one: parents and units, shared people, co-mentions in articles."""
    node = iri_text(iri)
    rows = select(
        store,
        f"""SELECT ?x (SAMPLE(?why) AS ?reason) (COUNT(*) AS ?n) WHERE {{
              {{ {node} org:subOrganizationOf|org:unitOf ?x BIND("parent" AS ?why) }}
              UNION {{ ?x org:subOrganizationOf|org:unitOf {node} BIND("unit" AS ?why) }}
              UNION {{ ?p org:memberOf {node}, ?x BIND("shares people" AS ?why) }}
              UNION {{ ?d schema:about|schema:mentions {node} . ?d schema:about|schema:mentions ?x .
                       ?x a org:FormalOrganization BIND("mentioned together" AS ?why) }}
              FILTER(?x != {node})
            }} GROUP BY ?x ORDER BY DESC(?n) LIMIT {int(limit)}""",
    )
    labels = label_map(store, (r["x"].value for r in rows))
    return [(_ref(r, "x", labels), f"{r['reason'].value} ({int(r['n'].value)})") for r in rows]


def roles(store: Queryable, *, organization: str | None = None, person: str | None = None) -> list[Role]:
    """Memberships of an organization or a person, with when sources reported them."""
    where = (
        f"?m org:organization {ox.NamedNode(organization)}"
        if organization
        else f"?m org:member {ox.NamedNode(person)}"
    )  # type: ignore[arg-type]
    rows = select(
        store,
        f"""SELECT ?m ?person ?org ?role ?roleText ?start ?end WHERE {{
              {where} . ?m org:member ?person ; org:organization ?org .
              OPTIONAL {{ ?m org:role ?role }} OPTIONAL {{ ?m fg:roleText ?roleText }}
              OPTIONAL {{ ?m org:memberDuring ?period .
                OPTIONAL {{ ?period time:hasBeginning/time:inXSDDate ?start }}
                OPTIONAL {{ ?period time:hasEnd/time:inXSDDate ?end }} }}
            }}""",
    )
    labels = label_map(store, {r[v].value for r in rows for v in ("person", "org", "role") if v in r})
    evidence = evidence_for(store, (r["m"].value for r in rows))
    found: list[Role] = []
    for row in rows:
        membership = row["m"].value
        reported = sorted(
            {e.source for (subject, _), items in evidence.items() if subject == membership for e in items},
            key=lambda d: d.date or "",
        )
        found.append(
            Role(
                _ref(row, "person", labels),
                _ref(row, "org", labels),
                labels[row["role"].value] if "role" in row else None,
                row["roleText"].value if "roleText" in row else None,
                row["start"].value if "start" in row else None,
                row["end"].value if "end" in row else None,
                reported,
                membership,
            )
        )
    return sorted(
        found, key=lambda r: (r.start or (r.reported[0].date if r.reported else "") or "", r.person.label)
    )


# -- events -----------------------------------------------------------------------------------------


def _event(store: Queryable, page: Profile) -> None:
    node = str(ox.NamedNode(page.iri))
    (report,) = event_reports(store, events=[page.iri]) or [None]
    page.sections["report"] = report
    firm = select(store, f"SELECT ?f WHERE {{ {node} fg:organization ?f }}")
    page.sections["firm"] = None
    if firm and report is not None:
        labels = label_map(store, [firm[0]["f"].value])
        page.sections["firm"] = _ref(firm[0], "f", labels)
        # the same wave as other sources report it: this event's firm, other events near its date
        siblings = [r for r in event_reports(store, firm=firm[0]["f"].value)]
        near = [c for c in compare(siblings) if any(r.event.iri == page.iri for r in c.reports)]
        page.sections["comparisons"] = near
    page.sections.setdefault("comparisons", [])
    page.sections["related"] = _refs(
        store,
        f"""SELECT ?x WHERE {{ {{ {node} fg:previousEvent|fg:partOf|fg:aggregateOf ?x }}
            UNION {{ ?x fg:previousEvent|fg:partOf|fg:aggregateOf {node} }} }}""",
    )


# -- people, articles, filings -----------------------------------------------------------------------


def _person(store: Queryable, page: Profile) -> None:
    node = str(ox.NamedNode(page.iri))
    page.sections["roles"] = roles(store, person=page.iri)
    page.sections["head_of"] = _refs(store, f"SELECT ?x WHERE {{ {node} org:headOf ?x }}")
    page.sections["quotes"] = quotes(store, f"?q schema:spokenByCharacter {node}")
    page.sections["events"] = event_reports(
        store,
        events=[r["e"].value for r in select(store, f"SELECT ?e WHERE {{ ?e fg:spokesperson {node} }}")],
    )


def quotes(store: Queryable, pattern: str) -> list[tuple[str, Ref | None, Source | None]]:
    """Quotations matching a pattern on ?q: (text, speaker, source)."""
    rows = select(
        store,
        f"""SELECT ?q ?text ?speaker ?doc WHERE {{ {pattern} . ?q schema:text ?text .
              OPTIONAL {{ ?q schema:spokenByCharacter ?speaker }} OPTIONAL {{ ?q schema:isPartOf ?doc }} }} LIMIT 500""",
    )
    labels = label_map(store, (r["speaker"].value for r in rows if "speaker" in r))
    docs = sources(store, (r["doc"].value for r in rows if "doc" in r))
    return [
        (
            r["text"].value,
            _ref(r, "speaker", labels) if "speaker" in r else None,
            docs.get(r["doc"].value) if "doc" in r else None,
        )
        for r in rows
    ]


def _article(store: Queryable, page: Profile) -> None:
    node = str(ox.NamedNode(page.iri))
    s = page.sections
    s["source"] = sources(store, [page.iri])[page.iri]
    s["about"] = _refs(store, f"SELECT ?x WHERE {{ {node} schema:about ?x }}")
    s["mentions"] = _refs(store, f"SELECT ?x WHERE {{ {node} schema:mentions ?x }}")
    reported = select(store, f"SELECT ?e WHERE {{ ?e fg:reportedIn {node} ; fg:organization ?f }}")
    s["events"] = event_reports(store, events=[r["e"].value for r in reported])
    s["filings"] = _refs(store, f"SELECT ?x WHERE {{ ?x fg:reportedIn {node} ; a fg:Filing }}")
    s["quotes"] = quotes(store, f"?q schema:isPartOf {node}")
    s["provenance"] = _refs(store, f"SELECT ?x WHERE {{ ?x prov:wasDerivedFrom {node} }}")
    rows = select(
        store,
        f"""SELECT ?body ?prop ?measure ?quote ?start WHERE {{
              ?target oa:hasSource {node} ; oa:hasSelector ?sel . ?sel oa:exact ?quote .
              ?anno oa:hasTarget ?target ; oa:hasBody ?body .
              OPTIONAL {{ ?anno fg:onProperty ?prop }} OPTIONAL {{ ?body fg:measure ?measure }}
              OPTIONAL {{ ?target oa:hasSelector ?pos . ?pos oa:start ?start }}
            }} LIMIT 2000""",
    )
    # a figure's body is `event#measure`: show the event it belongs to
    owners = {r["body"].value: r["body"].value.split("#", 1)[0] for r in rows}
    labels = label_map(
        store, set(owners.values()) | {r[v].value for r in rows for v in ("prop", "measure") if v in r}
    )
    statements = []
    for r in rows:
        prop = r.get("prop") or r.get("measure")
        owner = owners[r["body"].value]
        statements.append(
            (
                int(r["start"].value) if "start" in r else -1,
                Ref(owner, labels[owner]),
                labels[prop.value] if prop is not None else None,
                r["quote"].value,
            )
        )
    s["evidence"] = sorted(statements, key=lambda item: (item[0], item[1].label))


def _filing(store: Queryable, page: Profile) -> None:
    node = str(ox.NamedNode(page.iri))
    page.sections["events"] = event_reports(
        store, events=[r["e"].value for r in select(store, f"SELECT ?e WHERE {{ ?e fg:filing {node} }}")]
    )


def linked_from(store: Queryable, iri: str, limit: int = 200) -> list[tuple[Ref, Ref]]:
    """(subject, property) of statements that point at the IRI, evidence links left out."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {iri_text(iri)} FILTER(isIRI(?s))
              FILTER(?p NOT IN (oa:hasBody, oa:hasSource)) }} LIMIT {int(limit)}""",
    )
    labels = label_map(store, {r[v].value for r in rows for v in ("s", "p")})
    return [(_ref(r, "s", labels), _ref(r, "p", labels)) for r in rows]


_BUILDERS = {"org": _firm, "person": _person, "event": _event, "doc": _article, "filing": _filing}
