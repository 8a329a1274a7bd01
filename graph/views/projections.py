"""Firm-firm projections: firms linked by shared people, co-mention or waves of cuts, as networkx graphs.

One SPARQL query (with a LIMIT) brings links, events and organizations; units are rolled up to
their firm here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Literal

import networkx as nx
import numpy as np
import pyoxigraph as ox

from firmgraph.graph.errors import InputError
from firmgraph.graph.model.namespaces import sparql_prologue
from firmgraph.graph.sparql.results import plain_rows
from firmgraph.graph.views.filters import Filters, Runner, local_name, parse_day_lenient, parse_window
from firmgraph.graph.views.graphs import FirmNetwork
from firmgraph.graph.views.waves import total_jobs

__all__ = [
    "FIRM_ROW_LIMIT",
    "LINKS",
    "LINK_KINDS",
    "LinkKind",
    "firm_network",
    "firms_query",
    "register_link_kind",
    "wave_links",
]

FIRM_ROW_LIMIT = 2_000_000


@dataclass(frozen=True)
class LinkKind:
    """One way firms are linked in a projection.

    Attributes:
        pattern: the SPARQL pattern of the links, given the filters: it binds ?x (an organization or
            unit) and ?via (what links two of them); for waves, ?via (an event) and ?value (its reason).
        examples: the property that names the ?via shown on an edge; None: no examples.
        restrict: which firms may be linked when filters are given: "events" (with an event passing
            all of them), "types" (with an event of the type, reason and size asked for) or None.
        mentions: ?via is an article that may name people and places too: keep organizations only.
        waves: link by events with the same reason within the time window, not by a shared ?via.
    """

    name: str
    pattern: Callable[[Filters], str]
    examples: str | None = "schema:name"
    restrict: Literal["events", "types"] | None = None
    mentions: bool = False
    waves: bool = False


LINK_KINDS: dict[str, LinkKind] = {}
"""Registered link kinds by name, in the order views list them."""
LINKS = LINK_KINDS
"""The names of the link kinds (a view of LINK_KINDS)."""


def register_link_kind(kind: LinkKind) -> LinkKind:
    """Add (or replace) a link kind: `network(link=name)`, the CLI and the views accept it at once."""
    LINK_KINDS[kind.name] = kind
    return kind


for builtin in (
    LinkKind(
        "shared-people",
        # only people with two or more memberships can link firms (a fifth of them here)
        lambda filters: (
            "{ SELECT ?via WHERE { ?via org:memberOf ?m } GROUP BY ?via HAVING (COUNT(?m) > 1) } "
            "?via org:memberOf ?x ."
        ),
        restrict="events",
    ),
    LinkKind(
        "co-mention",
        lambda filters: f"?via schema:about|schema:mentions ?x . {filters.article_pattern('?via')}",
        examples="schema:headline",
        restrict="types",
        mentions=True,
    ),
    # the events' organizations, days and filters come from the event rows
    LinkKind("wave", lambda filters: "?via fg:reason ?value .", examples=None, waves=True),
):
    register_link_kind(builtin)


WAVE_LINKS = 20_000
"""At most this many links in a wave projection (the heaviest): random dates make millions."""
WAVE_CHUNK = 4096
"""Events per numpy block when counting wave pairs (bounds the memory a wide window needs)."""
LABEL_CHUNK = 2000
"""IRIs per labels query (VALUES)."""


def _values_of(run: Runner, iris: set[str], path: str) -> Iterator[tuple[str, str]]:
    """(IRI, value) for each IRI and each value its property path leads to, in small second
    queries of LABEL_CHUNK IRIs (on every row of the big query, an OPTIONAL costs twice)."""
    ordered = sorted(iris)
    for start in range(0, len(ordered), LABEL_CHUNK):
        values = " ".join(str(ox.NamedNode(i)) for i in ordered[start : start + LABEL_CHUNK])
        query = sparql_prologue(["fg", "schema"]) + (
            f"SELECT ?x ?value WHERE {{ VALUES ?x {{ {values} }} ?x {path} ?value }}"
        )
        for iri, value in plain_rows(run(query)):
            if iri is not None and value is not None:
                yield iri, value


def _labels(run: Runner, iris: set[str], prop: str = "schema:name") -> dict[str, str]:
    """Names (or with prop="schema:headline", headlines) of these IRIs; the first in order if several."""
    found: dict[str, str] = {}
    for iri, label in _values_of(run, iris, prop):
        if iri not in found or label < found[iri]:
            found[iri] = label
    return found


def firms_query(link: str, filters: Filters, limit: int) -> str:
    """Rows of several kinds (?value: the reason, jobs cut, day, parent or hub class of the row's kind):
    links (org, via), events (org, passing the filters), event figures, and
    organizations (parent, hub class; for co-mention, which things are organizations and articles);
    names come after, for the firms shown (`_labels`).

    Each branch is one simple pattern (an index range scan, no join per row): oxigraph spends its
    time on index lookups, so types, parents and event figures come as rows of their own and are
    joined in Python, and units are rolled up to their firm there too (in SPARQL,
    `org:subOrganizationOf*` and NOT EXISTS per row took ten times longer).
    """
    kind = LINK_KINDS[link]
    links = kind.pattern(filters)
    events = "?via fg:organization ?x ; a fg:CanonicalEvent ."
    if filters.active:
        events += (
            f" BIND(EXISTS {{ {filters.event_pattern('?via')} }} AS ?pass) "
            f"BIND(EXISTS {{ {filters.event_pattern('?via', dates=False, articles=False) or '?via a ?any'} }} AS ?passType)"
        )
    branches = {
        "link": links,
        "event": events,
        "jobs": "?via fg:jobsCut ?value .",
        "announced": "?via fg:announced ?value .",
        "aggregate": "?via fg:aggregateOf|fg:partOf ?part .",  # not counted (sparql.counting)
        "parent": "?x org:subOrganizationOf ?value .",
        "hub": "VALUES ?value { fg:NewsOutlet fg:Regulator } ?x a ?value .",
    }
    if kind.mentions:  # articles name people and places too
        branches["article"] = "?via a schema:NewsArticle ."
        branches["org"] = "VALUES ?class { org:Organization org:OrganizationalUnit } ?x a ?class ."
    union = "\n  UNION ".join(
        f'{{ {pattern} BIND("{kind}" AS ?kind) }}' for kind, pattern in branches.items()
    )
    return (
        sparql_prologue(["fg", "org", "schema"])
        + "SELECT ?kind ?x ?via ?value ?pass ?passType WHERE {\n  "
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
    if link not in LINK_KINDS:
        raise InputError(f"link must be one of {', '.join(LINK_KINDS)}, not {str(link)[:40]!r}")
    how = LINK_KINDS[link]
    filters = filters or Filters()
    window = parse_window(window_days)
    typed: set[str] = set()  # organizations and units
    articles: set[str] = set()
    parents: dict[str, str] = {}
    hubs: set[str] = set()
    links: set[tuple[str, str]] = set()
    event_rows: list[tuple[str, str, bool, bool]] = []
    rows = 0
    jobs: dict[str, int] = {}
    announced: dict[str, date] = {}
    aggregates: set[str] = set()
    reasons_of: dict[str, set[str]] = defaultdict(set)
    for kind, x, via, value, passed, type_passed in plain_rows(run(firms_query(link, filters, limit))):
        rows += 1
        if kind == "jobs" and via and value:
            jobs[via] = int(value)
        elif kind == "announced" and via:
            _earliest(announced, via, value)
        elif kind == "aggregate" and via:
            aggregates.add(via)
        elif kind == "article" and via:
            articles.add(via)
        elif kind == "link" and how.waves and via and value:
            reasons_of[via].add(value)
        elif x is None:
            continue  # a blank node
        elif kind == "org":
            typed.add(x)
        elif kind == "parent" and value is not None:
            parents.setdefault(x, value)
        elif kind == "hub":
            hubs.add(x)
        elif via is None:
            continue
        elif kind == "event":
            event_rows.append((x, via, passed != "false", type_passed != "false"))
        elif kind == "link":
            links.add((x, via))
    if how.mentions:
        links = {(x, via) for x, via in links if via in articles and x in typed}
    # what people are members of and what events concern are organizations (the shapes say so)
    orgs = {x for x, _ in links} | {x for x, *_ in event_rows}
    # the publication day stands in for events without an announcement day (a second, small query)
    published = _published(run, {e for _, e, *_ in event_rows if e not in announced})
    events_of = [
        (org, e, announced.get(e) or published.get(e), jobs.get(e), full, type_passed)
        for org, e, full, type_passed in dict.fromkeys(event_rows)  # once each
        if e not in aggregates
    ]
    tops = _tops(parents, hubs, orgs)
    events: dict[str, dict[str, tuple[date | None, int]]] = defaultdict(dict)
    passing: dict[str, set[str]] = {"full": set(), "type": set()}
    for org, event, day, cut, full, type_passed in events_of:
        firm = tops.get(org)
        if firm is None:
            continue
        if full and cut is not None:
            events[firm][event] = (day, cut)
        if full:
            passing["full"].add(firm)
        if type_passed:
            passing["type"].add(firm)
    allowed: set[str] | None = None
    if how.restrict == "events" and filters.active:
        allowed = passing["full"]
    elif how.restrict == "types" and filters.on_events:
        allowed = passing["type"]
    graph = FirmNetwork(focus=None, link=link, window_days=window, truncated=rows >= limit)
    if how.waves:
        dated: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        for org, event, day, _, full, _ in events_of:
            if full and org in tops and day is not None:
                for reason in reasons_of.get(event, ()):
                    dated[reason].append((day.toordinal(), tops[org], event))
        wave_links(graph, dated, window, max_links)
    else:
        groups: dict[str, set[str]] = defaultdict(set)
        for org, via in links:
            firm = tops.get(org)
            if firm is not None and (allowed is None or firm in allowed):
                groups[via].add(firm)
        for via, firms in groups.items():
            for a, b in combinations(sorted(firms), 2):
                _link(graph, a, b, via)
    examples = {v for _, _, d in graph.edges(data=True) for v in d["via"]} if how.examples else set()
    names = _labels(run, set(graph))
    if examples:  # people (shared-people) or articles (co-mention)
        titles = _labels(run, examples, how.examples or "schema:name")
        for _, _, data in graph.edges(data=True):
            data["via"] = [titles.get(v, v) for v in data["via"]]
    for firm in graph:
        attrs = {"iri": firm, "kind": "firm", "label": names.get(firm) or local_name(firm)}
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


def wave_links(
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
    chosen = pair_reason[np.isin(pair_reason // r, pairs[kept])]
    labels = [local_name(reason) for reason in reasons]
    for code, reason_k in zip((chosen // r).tolist(), (chosen % r).tolist(), strict=True):
        _link(graph, firms[code // n], firms[code % n], labels[reason_k], labels[reason_k])
    for code, weight in zip(pairs[kept].tolist(), weights[kept].tolist(), strict=True):
        graph[firms[code // n]][firms[code % n]]["weight"] = weight


def _earliest(into: dict[str, date], key: str, text: str | None) -> None:
    day = _day(text)
    if day is not None and (key not in into or day < into[key]):
        into[key] = day


def _published(run: Runner, events: set[str]) -> dict[str, date]:
    """The earliest publication day of the reports of each event."""
    found: dict[str, date] = {}
    for event, day in _values_of(run, events, "fg:firstReported"):
        _earliest(found, event, day)
    return found


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)  # the common case, ten times faster
    except ValueError:
        return parse_day_lenient(text)
