"""Firm-firm projections: firms linked by shared people, co-mention or waves of cuts, as networkx graphs.

One SPARQL query (with a LIMIT) brings links, events and organizations; units are rolled up to
their firm here.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import combinations
from typing import Any

import networkx as nx
import pyoxigraph as ox

from firmgraph.graph.errors import InputError
from firmgraph.graph.filters import Filters, _local, parse_day_lenient, parse_window
from firmgraph.graph.namespaces import sparql_prologue
from firmgraph.graph.network import FIRM_ROW_LIMIT, LINKS, FirmNetwork, Runner

__all__ = ["firm_network", "firms_query"]


def _event_day(e: str) -> str:
    return (
        f"OPTIONAL {{ {e} fg:announced ?ann }} OPTIONAL {{ {e} fg:reportedIn/schema:datePublished ?pub }} "
        "BIND(SUBSTR(STR(COALESCE(?ann, ?pub)), 1, 10) AS ?day)"
    )


def firms_query(link: str, filters: Filters, limit: int) -> str:
    """Rows of three kinds: links (org, via), events (org, jobs, day, passing the filters), and
    organizations (name, parent, hub class). Units are rolled up to their firm in Python: done in
    SPARQL (`org:subOrganizationOf*` and NOT EXISTS per row) it took ten times longer."""
    if link == "shared-people":
        # org:memberOf has people as its domain: no type check (every joined pattern costs)
        links = "?via org:memberOf ?x . OPTIONAL { ?via schema:name ?viaLabel }"
    elif link == "co-mention":
        links = (
            f"?via a schema:NewsArticle ; schema:about|schema:mentions ?x . {filters.article_pattern('?via')} "
            "OPTIONAL { ?via schema:headline ?viaLabel }"
        )
    else:
        links = (
            f"?via fg:organization ?x ; fg:reason ?reason . {_event_day('?via')} "
            f"FILTER(BOUND(?day)) {filters.event_pattern('?via')}"
        )
    if filters.active:
        passes = (
            f"BIND(EXISTS {{ {filters.event_pattern('?via')} }} AS ?pass) "
            f"BIND(EXISTS {{ {filters.event_pattern('?via', dates=False, articles=False) or '?via a ?any'} }} AS ?passType)"
        )
        events = f"?via fg:organization ?x . {passes}"
    else:
        events = "?via fg:organization ?x ."
    # one simple pattern per branch, put together in Python: oxigraph answers a single basic graph
    # pattern fast, and OPTIONALs and NOT EXISTS on every row slowly
    branches = {
        "link": links,
        "event": events,
        "jobs": "?via fg:jobsCut ?jobs .",
        "announced": "?via fg:announced ?day .",
        "published": "?via fg:reportedIn/schema:datePublished ?day .",
        "aggregate": "?via fg:aggregateOf ?part .",
        "org": "VALUES ?class { org:Organization org:OrganizationalUnit } ?x a ?class .",
        "name": "VALUES ?class { org:Organization org:OrganizationalUnit } ?x a ?class ; schema:name ?viaLabel .",
        "parent": "?x org:subOrganizationOf ?parent .",
        "hub": "VALUES ?hub { fg:NewsOutlet fg:Regulator } ?x a ?hub .",
    }
    union = "\n  UNION ".join(
        f'{{ {pattern} BIND("{kind}" AS ?kind) }}' for kind, pattern in branches.items()
    )
    return (
        sparql_prologue(["fg", "org", "schema"])
        + "SELECT ?kind ?x ?via ?viaLabel ?reason ?day ?jobs ?pass ?passType ?parent ?hub WHERE {\n  "
        + union
        + f"\n}}\nLIMIT {int(limit)}\n"
    )


def _tops(parents: dict[str, str], hubs: set[str], orgs: set[str]) -> dict[str, str]:
    """Each organization's top firm (following org:subOrganizationOf); outlets and regulators have none."""
    tops: dict[str, str] = {}
    for org in orgs:
        top, seen = org, {org}
        while top in parents and parents[top] not in seen:
            top = parents[top]
            seen.add(top)
        if top not in hubs and org not in hubs:
            tops[org] = top
    return tops


def firm_network(
    run: Runner,
    link: str,
    filters: Filters | None = None,
    *,
    window_days: int | str | None = 30,
    limit: int = FIRM_ROW_LIMIT,
) -> FirmNetwork:
    """Firms (units rolled up to their parent; outlets and regulators left out) linked by `link`.

    shared-people: a person is a member of both (weight: people); co-mention: both are named in
    the same article (weight: articles); wave: both had events with the same stated reason within
    `window_days` (weight: pairs of events). Only firms with a link are nodes. With filters,
    shared people only link firms with an event that passes them; co-mentions firms with an event
    of the type, reason and size asked for.
    """
    if link not in LINKS:
        raise InputError(f"link must be one of {', '.join(LINKS)}, not {str(link)[:40]!r}")
    filters = filters or Filters()
    window = parse_window(window_days)
    names: dict[str, str] = {}
    parents: dict[str, str] = {}
    hubs: set[str] = set()
    links: list[tuple[str, str, Any, Any]] = []
    event_rows: list[tuple[str, str, date | None, int | None, bool, bool]] = []
    rows = 0
    jobs: dict[str, int] = {}
    announced: dict[str, date] = {}
    published: dict[str, date] = {}
    aggregates: set[str] = set()
    for row in run(firms_query(link, filters, limit)):
        rows += 1
        kind, x, via = row["kind"].value, row["x"], row["via"]
        if kind == "jobs":
            jobs[via.value] = int(row["jobs"].value)
        elif kind in ("announced", "published"):
            day = _day(row["day"])
            into = announced if kind == "announced" else published
            if day is not None and (via.value not in into or day < into[via.value]):
                into[via.value] = day
        elif kind == "aggregate":
            aggregates.add(via.value)
        elif not isinstance(x, ox.NamedNode):
            continue
        elif kind == "org":
            names.setdefault(x.value, "")
        elif kind == "name":
            if not names.get(x.value):
                names[x.value] = row["viaLabel"].value
        elif kind == "parent" and isinstance(row["parent"], ox.NamedNode):
            parents.setdefault(x.value, row["parent"].value)
        elif kind == "hub":
            hubs.add(x.value)
        elif kind == "event":
            passed = [row[v] is None or row[v].value == "true" for v in ("pass", "passType")]
            event_rows.append((x.value, via.value, None, None, *passed))
        elif kind == "link":
            links.append((x.value, via.value, row["viaLabel"] or row["reason"], row["day"]))
    event_rows = [
        (org, e, announced.get(e) or published.get(e), jobs.get(e), full, typed)
        for org, e, _, _, full, typed in event_rows
        if e not in aggregates
    ]
    tops = _tops(parents, hubs, set(names))
    events: dict[str, dict[str, tuple[date | None, int]]] = defaultdict(dict)
    passing: dict[str, set[str]] = {"full": set(), "type": set()}
    for org, event, day, jobs, full, typed in event_rows:
        firm = tops.get(org)
        if firm is None:
            continue
        if full and jobs is not None:
            events[firm][event] = (day, jobs)
        if full:
            passing["full"].add(firm)
        if typed:
            passing["type"].add(firm)
    allowed: set[str] | None = None
    if link == "shared-people" and filters.active:
        allowed = passing["full"]
    elif link == "co-mention" and filters.on_events:
        allowed = passing["type"]
    graph = FirmNetwork(focus=None, link=link, window_days=window, truncated=rows >= limit)
    if link == "wave":
        dated: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        for org, event, reason, day_term in links:
            day = _day(day_term)
            if org in tops and day is not None:
                dated[reason.value].append((day.toordinal(), tops[org], event))
        _wave_links(graph, dated, window)
    else:
        groups: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, str] = {}
        for org, via, label, _ in links:
            firm = tops.get(org)
            if firm is not None and (allowed is None or firm in allowed):
                groups[via].add(firm)
                if label is not None:
                    labels[via] = label.value
        for via, firms in groups.items():
            for a, b in combinations(sorted(firms), 2):
                _link(graph, a, b, labels.get(via, via))
    from firmgraph.graph.timeline import total_jobs

    for firm in graph:
        attrs = {"iri": firm, "kind": "firm", "label": names.get(firm) or _local(firm)}
        if events.get(firm):
            attrs["jobs_cut"] = total_jobs(list(events[firm].values()))
            attrs["events"] = len(events[firm])
        graph.nodes[firm].update(attrs)
    return graph


def _link(graph: nx.Graph, a: str, b: str, via: str, reason: str | None = None) -> None:
    data = graph.get_edge_data(a, b)
    if data is None:
        graph.add_edge(a, b, weight=0, via=[], reasons=[], relation=graph.graph["link"])
        data = graph[a][b]
    data["weight"] += 1
    if len(data["via"]) < 5 and via not in data["via"]:
        data["via"].append(via)
    if reason and reason not in data["reasons"]:
        data["reasons"].append(reason)


def _wave_links(graph: nx.Graph, dated: dict[str, list[tuple[int, str, str]]], window: int) -> None:
    """Pairs of events of different firms, same reason, at most `window` days apart (a sweep per reason)."""
    for reason, items in dated.items():
        items.sort()
        label = _local(reason)
        for i, (day, firm, _) in enumerate(items):
            for later, other, _ in items[i + 1 :]:
                if later - day > window:
                    break
                if other != firm:
                    a, b = sorted((firm, other))
                    _link(graph, a, b, label, label)


def _day(term: Any) -> date | None:
    if term is None:
        return None
    return parse_day_lenient(term.value)
