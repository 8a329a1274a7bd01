"""Graphs out of the knowledge graph as networkx graphs: ego networks here, firm-firm projections in
`projections`, and `network()` for either.

Each graph comes from ONE SPARQL query with a LIMIT; parameters are checked and written into it
by `filters`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
import pyoxigraph as ox

from firmgraph.graph.errors import InputError, NotFoundError
from firmgraph.graph.model.namespaces import FG, ORG, SCHEMA, sparql_prologue
from firmgraph.graph.sparql.names import looks_like_iri, resolve
from firmgraph.graph.views.filters import (
    EVENT_CLASSES,
    MAX_CAP,
    MAX_HOPS,
    Filters,
    Runner,
    iri_list,
    local_name,
    parse_cap,
    parse_hops,
    parse_iri,
)
from firmgraph.graph.views.graphs import EgoNetwork, FirmNetwork, NetworkView
from firmgraph.graph.views.projections import LINKS, firm_network

__all__ = [
    "LINKS",
    "MAX_CAP",
    "MAX_HOPS",
    "EgoNetwork",
    "Filters",
    "FirmNetwork",
    "NetworkView",
    "Runner",
    "ego_network",
    "network",
    "parse_cap",
    "parse_hops",
    "parse_iri",
]

EGO_ROW_LIMIT = 200_000

KINDS: tuple[tuple[str, str], ...] = (
    (str(SCHEMA.NewsArticle), "article"),
    (str(FG.Filing), "filing"),
    (str(FG.SECForm8K), "filing"),
    (str(FG.WARNNotice), "filing"),
    *((c, "event") for c in sorted(EVENT_CLASSES)),
    (str(SCHEMA.Person), "person"),
    (str(FG.NewsOutlet), "outlet"),
    (str(FG.Regulator), "regulator"),
    (str(ORG.OrganizationalUnit), "unit"),
    (str(ORG.Organization), "firm"),
    (str(ORG.FormalOrganization), "firm"),
)
"""rdf:type -> node kind, most specific first (an outlet is also an organization)."""
_IRI_KINDS = {"org": "firm", "person": "person", "event": "event", "doc": "article", "filing": "filing"}

DIRECT_EDGES = [
    "org:headOf",
    "org:subOrganizationOf",
    "fg:organization",
    "fg:reportedIn",
    "fg:spokesperson",
    "fg:affectedUnit",
    "fg:previousEvent",
    "fg:aggregateOf",
    "fg:partOf",
    "fg:filing",
    "fg:filer",
    "fg:regulator",
    "schema:about",
    "schema:mentions",
    "schema:publisher",
]
"""Predicates that are edges as they stand; memberships, quotes and statements to outlets are derived."""
_DERIVED_STEPS = (
    "^org:member/org:organization",
    "^schema:spokenByCharacter/schema:isPartOf",
    "^schema:spokenByCharacter/fg:outlet",
    "^fg:spokesperson/fg:reportedIn/(schema:mentions|schema:publisher)",
    "^org:organization/org:member",
    "^schema:isPartOf/schema:spokenByCharacter",
    "^fg:outlet/schema:spokenByCharacter",
    "^(schema:mentions|schema:publisher)/^fg:reportedIn/fg:spokesperson",
)
_STEP = "|".join([*DIRECT_EDGES, *(f"^{p}" for p in DIRECT_EDGES), *_DERIVED_STEPS])
_FACTS = [
    "rdf:type",
    "schema:name",
    "rdfs:label",
    "schema:headline",
    "fg:jobsCut",
    "fg:announced",
    "fg:effectiveBy",
    "schema:datePublished",
    "schema:inLanguage",
    "fg:reason",
    "fg:workforceShare",
    "fg:form",
]


# -- ego networks ---------------------------------------------------------------------------------


def _not_hub(var: str, focus: str, n: int) -> str:
    """Outlets and regulators are reached but not passed through (unless they are the focus): through
    them every article of an outlet would be two hops from every other."""
    return (
        f"FILTER({var} = {ox.NamedNode(focus)} || NOT EXISTS {{ {var} a ?hub{n} "
        f"FILTER(?hub{n} IN (fg:NewsOutlet, fg:Regulator)) }})"
    )


def _within(focus: str, hops: int, var: str) -> str:
    """`var` within `hops` of the focus, never through a hub."""
    steps, previous = [], str(ox.NamedNode(focus))
    for i in range(1, hops + 1):
        node = var if i == hops else f"?h{i}"
        steps.append(f"{previous} ({_STEP})? {node} .")
        if i < hops:
            steps.append(_not_hub(node, focus, i))
        previous = node
    return " ".join(steps)


def _around(
    focus: str, hops: int, var: str, patterns: list[str], *, hubs: bool = True, lateral: bool = True
) -> str:
    """The patterns for each distinct `var` within `hops` of the focus (hubs=False: hubs left out).

    LATERAL (oxigraph, SPARQL 1.2 drafts) evaluates the patterns once per reached node: joined
    plainly, oxigraph would start some patterns from the whole store and only then join. With
    lateral=False the reached nodes and the patterns are joined plainly (SPARQL 1.1, any store).
    """
    union = "\n      UNION ".join(f"{{ {p} }}" for p in patterns)
    join = "LATERAL " if lateral else ""
    if hops == 0:
        return f"{{ VALUES {var} {{ {ox.NamedNode(focus)} }} {join}{{\n      {union} }} }}"
    reached = _within(focus, hops, var) + ("" if hubs else " " + _not_hub(var, focus, 0))
    reach = f"{{ SELECT DISTINCT {var} WHERE {{ {reached} }} }}"
    return f"{{ {reach} {join}{{\n      {union} }} }}"


def ego_query(focus: str, hops: int, filters: Filters, limit: int, *, lateral: bool = True) -> str:
    """Edges that start or end within hops-1 of the focus, and the facts of the nodes within hops
    (lateral=False: plain SPARQL 1.1, for stores without oxigraph's LATERAL)."""
    direct = ", ".join(DIRECT_EDGES)
    edges = [
        f"?n ?p ?o . FILTER(?p IN ({direct})) BIND(?n AS ?s)",
        f"?s ?p ?n . FILTER(?p IN ({direct})) BIND(?n AS ?o)",
        "?m org:member ?n ; org:organization ?o . OPTIONAL { ?m org:role ?d } BIND(?n AS ?s) BIND(org:memberOf AS ?p)",
        "?m org:organization ?n ; org:member ?s . OPTIONAL { ?m org:role ?d } BIND(?n AS ?o) BIND(org:memberOf AS ?p)",
        "?q schema:spokenByCharacter ?n ; schema:isPartOf ?o . OPTIONAL { ?q schema:text ?d } BIND(?n AS ?s) BIND(fg:quotedIn AS ?p)",
        "?q schema:isPartOf ?n ; schema:spokenByCharacter ?s . OPTIONAL { ?q schema:text ?d } BIND(?n AS ?o) BIND(fg:quotedIn AS ?p)",
        "?q schema:spokenByCharacter ?n ; fg:outlet ?o . BIND(?n AS ?s) BIND(fg:spokeTo AS ?p)",
        "?q fg:outlet ?n ; schema:spokenByCharacter ?s . BIND(?n AS ?o) BIND(fg:spokeTo AS ?p)",
        "?ev fg:spokesperson ?n ; fg:reportedIn/(schema:mentions|schema:publisher) ?o . ?o a fg:NewsOutlet . BIND(?n AS ?s) BIND(fg:spokeTo AS ?p)",
        "?ev fg:reportedIn/(schema:mentions|schema:publisher) ?n ; fg:spokesperson ?s . ?n a fg:NewsOutlet . BIND(?n AS ?o) BIND(fg:spokeTo AS ?p)",
    ]
    evidence = '?ann oa:hasTarget/oa:hasSelector/oa:exact ?value . BIND("evidence" AS ?fact)'
    outlet = "?o a ?hubClass . FILTER(?hubClass IN (fg:NewsOutlet, fg:Regulator)) BIND(?node AS ?s)"
    facts = [
        # the edges from the farthest nodes to hubs, which are not passed through
        f"?node ?p ?o . FILTER(?p IN (schema:mentions, schema:publisher, fg:regulator)) {outlet}",
        f"?q schema:spokenByCharacter ?node ; fg:outlet ?o . {outlet} BIND(fg:spokeTo AS ?p)",
        "?ev fg:spokesperson ?node ; fg:reportedIn/(schema:mentions|schema:publisher) ?o . "
        f"{outlet} BIND(fg:spokeTo AS ?p)",
        f"?node ?fact ?value . FILTER(?fact IN ({', '.join(_FACTS)}))",
        '?node fg:reportedIn/schema:datePublished ?value . BIND("reported" AS ?fact)',
        '?node fg:reportedIn/schema:inLanguage ?value . BIND("language" AS ?fact)',
        f"?ann oa:hasBody ?node . {evidence}",
        f"?node fg:figure ?fig . ?ann oa:hasBody ?fig . {evidence}",
    ]
    if filters.active:
        classes = iri_list(EVENT_CLASSES)
        facts.append(
            f"?node a ?cls . FILTER(?cls IN ({classes})) "
            f'FILTER NOT EXISTS {{ {filters.event_pattern("?node")} }} BIND("excluded" AS ?fact) BIND(true AS ?value)'
        )
    if filters.on_articles:
        facts.append(
            "?node a schema:NewsArticle . "
            f'FILTER NOT EXISTS {{ {filters.article_pattern("?node")} }} BIND("excluded" AS ?fact) BIND(true AS ?value)'
        )
    return (
        sparql_prologue(["fg", "org", "schema", "oa", "rdf", "rdfs"])
        + "SELECT DISTINCT ?s ?p ?o ?d ?node ?fact ?value WHERE {\n  "
        + _around(focus, hops - 1, "?n", edges, hubs=False, lateral=lateral)
        + "\n  UNION\n  "
        + _around(focus, hops, "?node", facts, lateral=lateral)
        + f"\n}}\nLIMIT {int(limit)}\n"
    )


def ego_network(
    run: Runner,
    focus: str,
    hops: int | str | None = 2,
    filters: Filters | None = None,
    *,
    limit: int = EGO_ROW_LIMIT,
    lateral: bool = True,
) -> EgoNetwork:
    """The entities within `hops` of `focus` (firm, person, event, article...) and the relations between them.

    Events and articles the filters reject are dropped before the hops are counted, so nothing is
    reached through them. Raises InputError (bad parameters) or NotFoundError (focus not in the graph).
    """
    focus, hops, filters = parse_iri(focus), parse_hops(hops), filters or Filters()
    facts: dict[str, dict[str, Any]] = defaultdict(dict)
    edges: list[tuple[str, str, str, Any]] = []
    rows = 0
    for row in run(ego_query(focus, hops, filters, limit, lateral=lateral)):
        rows += 1
        s, p, o, node = row["s"], row["p"], row["o"], row["node"]
        if p is not None:
            if isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode):
                edges.append((s.value, local_name(p.value), o.value, _detail(row["d"])))
        elif isinstance(node, ox.NamedNode):
            _add_fact(facts[node.value], row["fact"], row["value"])
    if focus not in facts and not any(focus in (s, o) for s, _, o, _ in edges):
        raise NotFoundError(f"{focus} is not in the graph")
    graph = EgoNetwork(focus=focus, hops=hops, link=None, truncated=rows >= limit)
    excluded = {iri for iri, f in facts.items() if f.get("excluded") and iri != focus}
    graph.add_node(focus)
    for s, relation, o, detail in edges:
        if s == o or s in excluded or o in excluded:
            continue
        data = graph.get_edge_data(s, o, relation)
        if data is None:
            graph.add_edge(s, o, key=relation, relation=relation, details=[detail] if detail else [])
        elif detail and detail not in data["details"]:
            data["details"].append(detail)
    distance = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), focus, cutoff=hops)
    graph.remove_nodes_from([n for n in list(graph) if n not in distance])
    for iri in graph:
        graph.nodes[iri].update(node_attributes(iri, facts.get(iri, {})), distance=distance[iri])
    return graph


def _add_fact(into: dict[str, Any], fact: Any, value: Any) -> None:
    if fact is None or value is None:
        return
    key = local_name(fact.value) if isinstance(fact, ox.NamedNode) else fact.value
    into.setdefault(key, [])
    plain = value.value
    if plain not in into[key]:
        into[key].append(plain)


def _detail(term: Any) -> str | None:
    if term is None:
        return None
    return local_name(term.value) if isinstance(term, ox.NamedNode) else term.value


def node_kind(iri: str, types: Iterable[str]) -> str:
    """firm, unit, outlet, regulator, person, event, article, filing, or other."""
    present = set(types)
    for cls, kind in KINDS:
        if cls in present:
            return kind
    match = re.search(r"/id/([a-z]+)/", iri)
    return _IRI_KINDS.get(match.group(1), "other") if match else "other"


def node_attributes(iri: str, facts: dict[str, list[str]]) -> dict[str, Any]:
    """Flat node attributes from a node's facts (lists of lexical values by property name)."""
    types = facts.get("type", [])
    kind = node_kind(iri, types)
    first = {k: v[0] for k, v in facts.items() if v}
    names = ("headline", "name") if kind == "article" else ("name", "label", "headline")
    label = next((first[n] for n in names if n in first), None)
    if label is None:
        label = f"{first['form']} filing" if "form" in first else kind if kind != "other" else local_name(iri)
    attrs: dict[str, Any] = {"iri": iri, "kind": kind, "label": label}
    if kind == "event":
        classes = [t for t in types if t in EVENT_CLASSES]
        attrs["event_type"] = local_name(sorted(classes, key=len)[-1]) if classes else "RestructuringEvent"
        jobs = [int(j) for j in facts.get("jobsCut", []) if j.lstrip("-").isdigit()]
        if jobs:
            attrs["jobs_cut"] = max(jobs)
        for key, name in (("announced", "announced"), ("effectiveBy", "effective_by")):
            if key in first:
                attrs[name] = first[key]
        if facts.get("reported"):
            attrs["reported"] = min(facts["reported"])
        if facts.get("reason"):
            attrs["reasons"] = sorted(local_name(r) for r in facts["reason"])
    if kind == "article":
        for key, name in (
            ("datePublished", "published"),
            ("headline", "headline"),
            ("inLanguage", "language"),
        ):
            if key in first:
                attrs[name] = first[key]
    if kind == "filing" and "form" in first:
        attrs["form"] = first["form"]
    if facts.get("evidence"):
        attrs["evidence"] = facts["evidence"][:3]
    return attrs


# -- either ------------------------------------------------------------------------------------------


def network(
    run: Runner,
    focus: str | None = None,
    *,
    hops: int | str | None = 2,
    link: str | None = None,
    window_days: int | str | None = 30,
    base_iri: str | None = None,
    lateral: bool = True,
    max_links: int | None = None,
    **filters: Any,
) -> EgoNetwork | FirmNetwork:
    """The ego network of `focus` (an IRI or a name), or the firm-firm projection by `link` (one of them must be given).

    filters: start, end, reason, event_type, min_jobs, language, source (as for `Filters.parse`).
    base_iri is kept on the graph, so its views link entities to their pages. lateral=False: plain
    SPARQL 1.1 ego queries, for stores without oxigraph's LATERAL (`Store.lateral`). max_links:
    at most this many wave links (the heaviest; default `projections.WAVE_LINKS`).
    """
    if (focus is None) == (link is None):
        raise InputError("give either a focus entity (an ego network) or a link (firms linked by it)")
    parsed = Filters.parse(**filters)
    if focus is not None:
        if not focus.strip():
            raise InputError("which firm or person? give focus: a name (Pinterest) or an IRI")
        if not looks_like_iri(focus):  # a name: the one firm or person called so, or the choices
            focus = resolve(run, focus, base_iri=base_iri)
        graph: EgoNetwork | FirmNetwork = ego_network(run, focus, hops, parsed, lateral=lateral)
    else:
        extra = {} if max_links is None else {"max_links": max_links}
        graph = firm_network(run, str(link), parsed, window_days=window_days, **extra)
    graph.graph["base_iri"] = base_iri
    return graph
