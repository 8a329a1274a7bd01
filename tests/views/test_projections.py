"""Firm-firm projections on a synthetic graph, checked against a reference computed another way:
units rolled up with a property path in SPARQL, the pairs counted with networkx or plain loops."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from itertools import combinations

import networkx as nx
import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.synth.graph import write_synthetic
from tests.views.conftest import BASE, settings_for

PREFIXES = (
    "PREFIX org: <http://www.w3.org/ns/org#> PREFIX schema: <https://schema.org/> "
    "PREFIX fg: <https://w3id.org/firmgraph/ns#> "
)
TOP = (
    "?org org:subOrganizationOf* ?firm . FILTER NOT EXISTS { ?firm org:subOrganizationOf ?up } "
    "FILTER NOT EXISTS { ?firm a ?hub FILTER(?hub IN (fg:NewsOutlet, fg:Regulator)) }"
)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    folder = tmp_path_factory.mktemp("synthetic-views")
    dump = folder / "synth.nq"
    write_synthetic(dump, firms=80, seed=13, base=BASE)
    store = folder / "store"
    with KnowledgeGraph.open(store, settings=settings_for(store)) as kg:
        kg.restore(dump)
        point_at_units(kg)
        # the reference only proves something if units are rolled up and people sit in two firms
        for where in (
            "?p org:memberOf ?unit . ?unit org:subOrganizationOf ?firm . ?p org:memberOf ?firm",
            "?a schema:mentions ?unit . ?unit org:subOrganizationOf ?firm",
            "?e a fg:CanonicalEvent ; fg:organization ?unit ; fg:reason ?r . ?unit org:subOrganizationOf ?firm",
            f"?p org:memberOf ?org . {TOP} ?p org:memberOf ?other . FILTER(?other != ?org)",
        ):
            assert rows(kg, where, "firm"), where
        yield kg


def point_at_units(kg: KnowledgeGraph) -> None:
    """The synthetic graph links people, articles and events to firms only: link some to units
    (a person to a unit and its firm too, so the roll-up must not count them twice)."""
    units = rows(kg, "?u org:subOrganizationOf ?f", "u", "f")[:8]
    people = rows(kg, "?p a schema:Person ; org:memberOf ?o", "p")[:8]
    articles = rows(kg, "?a a schema:NewsArticle", "a")[:8]
    events = rows(kg, "?e a fg:CanonicalEvent ; fg:organization ?o ; fg:reason ?r ; fg:jobsCut ?j", "e", "o")[
        :8
    ]
    added = [f"<{p}> org:memberOf <{u}>, <{f}> ." for (p,), (u, f) in zip(people, units, strict=True)]
    added += [f"<{a}> schema:mentions <{u}> ." for (a,), (u, _) in zip(articles, units, strict=True)]
    kg.store.update(PREFIXES + f"INSERT DATA {{ GRAPH <{BASE}graph/test-units> {{ {' '.join(added)} }} }}")
    for (event, org), (unit, _) in zip(events, units, strict=True):
        kg.store.update(
            PREFIXES + f"DELETE {{ GRAPH ?g {{ <{event}> fg:organization <{org}> }} }} "
            f"INSERT {{ GRAPH ?g {{ <{event}> fg:organization <{unit}> }} }} "
            f"WHERE {{ GRAPH ?g {{ <{event}> fg:organization <{org}> }} }}"
        )


def weighted_edges(graph: nx.Graph) -> dict[frozenset[str], int]:
    return {frozenset((u, v)): data["weight"] for u, v, data in graph.edges(data=True)}


def projected(pairs: list[tuple[str, str]]) -> dict[frozenset[str], int]:
    """Firms linked through the `via` nodes they share, weighted by how many (networkx)."""
    bipartite = nx.Graph([(("via", via), ("firm", firm)) for via, firm in pairs])
    firms = [n for n in bipartite if n[0] == "firm"]
    graph = nx.bipartite.weighted_projected_graph(bipartite, firms)
    return {frozenset((u[1], v[1])): data["weight"] for u, v, data in graph.edges(data=True)}


def rows(kg: KnowledgeGraph, where: str, *names: str) -> list[tuple[str, ...]]:
    frame = kg.query_df(PREFIXES + f"SELECT DISTINCT {' '.join('?' + n for n in names)} WHERE {{ {where} }}")
    return [tuple(None if v is None else str(v) for v in row) for row in frame.itertuples(index=False)]


def test_shared_people_equals_the_bipartite_projection(synthetic: KnowledgeGraph) -> None:
    expected = projected(rows(synthetic, f"?p a schema:Person ; org:memberOf ?org . {TOP}", "p", "firm"))
    assert len(expected) > 20
    graph = synthetic.network(link="shared-people")
    assert weighted_edges(graph) == expected
    # every firm's events are counted on its node (its units' included)
    events = rows(
        synthetic, f"?e a fg:CanonicalEvent ; fg:organization ?org ; fg:jobsCut ?j . {TOP}", "e", "firm"
    )
    per_firm = defaultdict(int)
    for _, firm in events:
        per_firm[firm] += 1
    assert {n: graph.nodes[n].get("events", 0) for n in graph} == {n: per_firm[n] for n in graph}


def test_shared_people_with_an_event_filter(synthetic: KnowledgeGraph) -> None:
    passing = {
        firm
        for (firm,) in rows(
            synthetic,
            f"?e a fg:CanonicalEvent ; fg:organization ?org ; fg:jobsCut ?j FILTER(?j >= 5000) {TOP}",
            "firm",
        )
    }
    everyone = projected(rows(synthetic, f"?p a schema:Person ; org:memberOf ?org . {TOP}", "p", "firm"))
    expected = {pair: w for pair, w in everyone.items() if pair <= passing}
    assert 0 < len(expected) < len(everyone)
    assert weighted_edges(synthetic.network(link="shared-people", min_jobs=5000)) == expected


def test_co_mention_equals_the_bipartite_projection(synthetic: KnowledgeGraph) -> None:
    expected = projected(
        rows(
            synthetic,
            f"?a a schema:NewsArticle ; schema:about|schema:mentions ?org . ?org a org:Organization . {TOP}",
            "a",
            "firm",
        )
    )
    assert len(expected) > 20
    assert weighted_edges(synthetic.network(link="co-mention")) == expected


def test_waves_equal_pairs_of_events_counted_one_by_one(synthetic: KnowledgeGraph) -> None:
    events = rows(
        synthetic,
        f"?e a fg:CanonicalEvent ; fg:organization ?org ; fg:reason ?reason . {TOP}"
        " FILTER NOT EXISTS { ?e fg:aggregateOf|fg:partOf ?part } "
        "OPTIONAL { ?e fg:announced ?announced } OPTIONAL { ?e fg:firstReported ?published }",
        "e",
        "firm",
        "reason",
        "announced",
        "published",
    )
    day: dict[str, date] = {}
    for event, _, _, announced, published in events:
        candidates = [date.fromisoformat(announced)] if announced else []
        if not candidates and published:
            candidates = [date.fromisoformat(published[:10])]
        if candidates:
            day[event] = min(candidates + ([day[event]] if event in day else []))
    dated = sorted({(e, firm, reason) for e, firm, reason, *_ in events if e in day})
    expected: dict[frozenset[str], int] = defaultdict(int)
    for (e1, f1, r1), (e2, f2, r2) in combinations(dated, 2):
        if r1 == r2 and f1 != f2 and abs((day[e1] - day[e2]).days) <= 30:
            expected[frozenset((f1, f2))] += 1
    assert len(expected) > 20
    graph = synthetic.network(link="wave", max_links=1_000_000)
    assert weighted_edges(graph) == dict(expected) and graph.graph["links_dropped"] == 0
    heaviest = synthetic.network(link="wave", max_links=10)
    assert heaviest.number_of_edges() == 10 and heaviest.graph["links_dropped"] == len(expected) - 10
    assert min(weighted_edges(heaviest).values()) >= sorted(expected.values())[-10]
