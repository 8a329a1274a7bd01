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
import numpy as np
import pyoxigraph as ox

from firmgraph.graph.errors import InputError
from firmgraph.graph.filters import Filters, _local, parse_day_lenient, parse_window
from firmgraph.graph.namespaces import sparql_prologue
from firmgraph.graph.network import FIRM_ROW_LIMIT, LINKS, FirmNetwork, Runner

__all__ = ["firm_network", "firms_query"]


WAVE_LINKS = 20_000
"""At most this many links in a wave projection (the heaviest): random dates make millions."""
WAVE_CHUNK = 4096
"""Events per numpy block when counting wave pairs (bounds the memory a wide window needs)."""
LABEL_CHUNK = 2000
"""IRIs per labels query (VALUES)."""


def labels_query(iris: list[str]) -> str:
    """Names of organizations and people, headlines of articles, for these IRIs."""
    values = " ".join(str(ox.NamedNode(i)) for i in iris)
    return (
        sparql_prologue(["schema"])
        + f"SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }} ?x schema:name|schema:headline ?label }}"
    )


def _labels(run: Runner, iris: set[str]) -> dict[str, str]:
    """Labels in small second queries (on every row of the big one, an OPTIONAL label costs twice)."""
    found: dict[str, str] = {}
    ordered = sorted(iris)
    for start in range(0, len(ordered), LABEL_CHUNK):
        for row in run(labels_query(ordered[start : start + LABEL_CHUNK])):
            iri, label = row["x"].value, row["label"].value
            if iri not in found or label < found[iri]:
                found[iri] = label
    return found


def firms_query(link: str, filters: Filters, limit: int) -> str:
    """Rows of three kinds: links (org, via), events (org, jobs, day, passing the filters), and
    organizations (parent, hub class); names come after, for the firms shown (`labels_query`). Units are rolled up to their firm in Python: done in
    SPARQL (`org:subOrganizationOf*` and NOT EXISTS per row) it took ten times longer."""
    # the organization's type is checked on the link and event rows (a join oxigraph does cheaply)
    # rather than fetched for every organization: each row read into Python costs more than it
    # (a lookup per row with FILTER IN: faster than joining a VALUES list of the classes)
    typed = "?x a ?class . FILTER(?class IN (org:Organization, org:OrganizationalUnit))"
    if link == "shared-people":
        links = f"?via org:memberOf ?x . {typed}"
    elif link == "co-mention":
        links = (
            f"?via a schema:NewsArticle ; schema:about|schema:mentions ?x . {typed} "
            f"{filters.article_pattern('?via')}"
        )
    else:
        # the events' organizations, days and filters come from the event rows
        links = "?via fg:reason ?reason ."
    if filters.active:
        passes = (
            f"BIND(EXISTS {{ {filters.event_pattern('?via')} }} AS ?pass) "
            f"BIND(EXISTS {{ {filters.event_pattern('?via', dates=False, articles=False) or '?via a ?any'} }} AS ?passType)"
        )
        events = f"?via fg:organization ?x . {typed} {passes}"
    else:
        events = f"?via fg:organization ?x . {typed}"
    # one simple pattern per branch, put together in Python: oxigraph answers a single basic graph
    # pattern fast, and OPTIONALs and NOT EXISTS on every row slowly
    branches = {
        "link": links,
        "event": events,
        "jobs": "?via fg:jobsCut ?jobs .",
        "announced": "?via fg:announced ?day .",
        "aggregate": "?via fg:aggregateOf ?part .",
        "parent": "?x org:subOrganizationOf ?parent .",
        "hub": "VALUES ?hub { fg:NewsOutlet fg:Regulator } ?x a ?hub .",
    }
    union = "\n  UNION ".join(
        f'{{ {pattern} BIND("{kind}" AS ?kind) }}' for kind, pattern in branches.items()
    )
    return (
        sparql_prologue(["fg", "org", "schema"])
        + "SELECT ?kind ?x ?via ?reason ?day ?jobs ?pass ?passType ?parent ?hub WHERE {\n  "
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
    max_links: int = WAVE_LINKS,
) -> FirmNetwork:
    """Firms (units rolled up to their parent; outlets and regulators left out) linked by `link`.

    shared-people: a person is a member of both (weight: people); co-mention: both are named in
    the same article (weight: articles); wave: both had events with the same stated reason within
    `window_days` (weight: pairs of events; only the `max_links` heaviest links are kept, and
    graph.graph["links_dropped"] counts the rest). Only firms with a link are nodes. With filters,
    shared people only link firms with an event that passes them; co-mentions firms with an event
    of the type, reason and size asked for.
    """
    if link not in LINKS:
        raise InputError(f"link must be one of {', '.join(LINKS)}, not {str(link)[:40]!r}")
    filters = filters or Filters()
    window = parse_window(window_days)
    orgs: set[str] = set()
    parents: dict[str, str] = {}
    hubs: set[str] = set()
    links: set[tuple[str, str, Any, Any]] = set()  # a set: an organization with both classes is read twice
    event_rows: list[tuple[str, str, date | None, int | None, bool, bool]] = []
    rows = 0
    jobs: dict[str, int] = {}
    announced: dict[str, date] = {}
    aggregates: set[str] = set()
    reasons_of: dict[str, set[str]] = defaultdict(set)
    for row in run(firms_query(link, filters, limit)):
        rows += 1
        kind, x, via = row["kind"].value, row["x"], row["via"]
        if kind == "jobs":
            jobs[via.value] = int(row["jobs"].value)
        elif kind == "announced":
            _earliest(announced, via.value, row["day"])
        elif kind == "aggregate":
            aggregates.add(via.value)
        elif kind == "link" and link == "wave":
            reasons_of[via.value].add(row["reason"].value)
        elif not isinstance(x, ox.NamedNode):
            continue
        elif kind == "parent" and isinstance(row["parent"], ox.NamedNode):
            parents.setdefault(x.value, row["parent"].value)
        elif kind == "hub":
            hubs.add(x.value)
        elif kind == "event":
            passed = [row[v] is None or row[v].value == "true" for v in ("pass", "passType")]
            event_rows.append((x.value, via.value, None, None, *passed))
            orgs.add(x.value)
        elif kind == "link":
            links.add((x.value, via.value, row["reason"], row["day"]))
            orgs.add(x.value)
    # the publication day stands in for events without an announcement day (a second, small query)
    published = _published(run, {e for _, e, *_ in event_rows if e not in announced})
    event_rows = list(  # once each: an organization with both classes is read twice
        dict.fromkeys(
            (org, e, announced.get(e) or published.get(e), jobs.get(e), full, typed)
            for org, e, _, _, full, typed in event_rows
            if e not in aggregates
        )
    )
    tops = _tops(parents, hubs, orgs)
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
        for org, event, day, _, full, _ in event_rows:
            if full and org in tops and day is not None:
                for reason in reasons_of.get(event, ()):
                    dated[reason].append((day.toordinal(), tops[org], event))
        _wave_links(graph, dated, window, max_links)
    else:
        groups: dict[str, set[str]] = defaultdict(set)
        for org, via, _, _ in links:
            firm = tops.get(org)
            if firm is not None and (allowed is None or firm in allowed):
                groups[via].add(firm)
        for via, firms in groups.items():
            for a, b in combinations(sorted(firms), 2):
                _link(graph, a, b, via)
    from firmgraph.graph.timeline import total_jobs

    examples = {v for _, _, d in graph.edges(data=True) for v in d["via"]} if link != "wave" else set()
    names = _labels(run, set(graph) | examples)
    if examples:
        for _, _, data in graph.edges(data=True):
            data["via"] = [names.get(v, v) for v in data["via"]]
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


def _wave_links(
    graph: nx.Graph, dated: dict[str, list[tuple[int, str, str]]], window: int, max_links: int
) -> None:
    """Pairs of events of different firms, same reason, at most `window` days apart, counted per pair
    of firms with numpy (a sweep per reason over sorted days); the `max_links` heaviest pairs become
    edges (ties: the firms' IRIs), and graph.graph["links_dropped"] says how many were left out."""
    firms = sorted({firm for items in dated.values() for _, firm, _ in items})
    reasons = sorted(dated)
    n, r = len(firms), max(len(reasons), 1)
    index = {firm: i for i, firm in enumerate(firms)}
    codes: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    for k, reason in enumerate(reasons):
        items = sorted(dated[reason])
        days = np.fromiter((d for d, _, _ in items), dtype=np.int64, count=len(items))
        ids = np.fromiter((index[f] for _, f, _ in items), dtype=np.int64, count=len(items))
        ends = np.searchsorted(days, days + window, side="right")
        for lo in range(0, len(items), WAVE_CHUNK):
            first_i = np.arange(lo, min(lo + WAVE_CHUNK, len(items)))
            per = ends[first_i] - first_i - 1
            first = np.repeat(first_i, per)
            second = first + 1 + np.arange(len(first)) - np.repeat(np.cumsum(per) - per, per)
            a, b = ids[first], ids[second]
            keep = a != b
            code = (np.minimum(a, b)[keep] * n + np.maximum(a, b)[keep]) * r + k
            unique, count = np.unique(code, return_counts=True)
            codes.append(unique)
            counts.append(count)
    if not codes:
        return
    pair_reason, inverse = np.unique(np.concatenate(codes), return_inverse=True)
    weight_of = np.bincount(inverse, weights=np.concatenate(counts)).astype(np.int64)
    pairs, pair_inverse = np.unique(pair_reason // r, return_inverse=True)
    weights = np.bincount(pair_inverse, weights=weight_of).astype(np.int64)
    kept = np.lexsort((pairs, -weights))[:max_links]  # heaviest first, then by firm order
    graph.graph["links_dropped"] = int(len(pairs) - len(kept))
    chosen = set(pairs[kept].tolist())
    for code, reason_k in zip((pair_reason // r).tolist(), (pair_reason % r).tolist(), strict=True):
        if code in chosen:
            label = _local(reasons[reason_k])
            _link(graph, firms[code // n], firms[code % n], label, label)
    for code, weight in zip(pairs[kept].tolist(), weights[kept].tolist(), strict=True):
        graph[firms[code // n]][firms[code % n]]["weight"] = weight


def _earliest(into: dict[str, date], key: str, term: Any) -> None:
    day = _day(term)
    if day is not None and (key not in into or day < into[key]):
        into[key] = day


def _published(run: Runner, events: set[str]) -> dict[str, date]:
    """The earliest publication day of the reports of each event."""
    found: dict[str, date] = {}
    ordered = sorted(events)
    for start in range(0, len(ordered), LABEL_CHUNK):
        values = " ".join(str(ox.NamedNode(e)) for e in ordered[start : start + LABEL_CHUNK])
        query = sparql_prologue(["fg", "schema"]) + (
            f"SELECT ?via ?day WHERE {{ VALUES ?via {{ {values} }} ?via fg:reportedIn/schema:datePublished ?day }}"
        )
        for row in run(query):
            _earliest(found, row["via"].value, row["day"])
    return found


def _day(term: Any) -> date | None:
    if term is None:
        return None
    return parse_day_lenient(term.value)
