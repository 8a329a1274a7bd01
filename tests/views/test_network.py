"""Graph content of ego networks, firm projections and timelines built from the sample data."""

from __future__ import annotations

import networkx as nx
import pytest

from firmgraph.graph.errors import InputError, NotFoundError
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.store import EmbeddedStore
from firmgraph.graph.views.network import EgoNetwork, FirmNetwork
from firmgraph.graph.views.timeline import firm_timeline
from tests.views.conftest import BASE, iri_of

HEADLINE = "Pinterest opfert Jobs für KI"


def edges(graph: nx.MultiDiGraph, relation: str) -> set[tuple[str, str]]:
    labels = graph.nodes
    return {(labels[u]["label"], labels[v]["label"]) for u, v, r in graph.edges(keys=True) if r == relation}


def labels(graph: nx.Graph) -> set[str]:
    return {a["label"] for _, a in graph.nodes(data=True)}


def test_pinterest_article_reaches_tessa_chen_and_the_verge(samples: KnowledgeGraph) -> None:
    article = iri_of(samples, HEADLINE, "schema:headline")
    graph = samples.network(article, hops=2)
    assert isinstance(graph, EgoNetwork) and graph.graph["focus"] == article
    by_label = {a["label"]: n for n, a in graph.nodes(data=True)}
    tessa, verge = by_label["Tessa Chen"], by_label["The Verge"]
    assert graph.nodes[tessa]["kind"] == "person" and graph.nodes[verge]["kind"] == "outlet"
    assert graph.nodes[tessa]["distance"] == 2 and graph.nodes[verge]["distance"] == 1
    assert ("Tessa Chen", "The Verge") in edges(graph, "spokeTo")
    assert ("Pinterest: layoff (750 jobs)", "Tessa Chen") in edges(graph, "spokesperson")
    assert ("Pinterest: layoff (750 jobs)", HEADLINE) in edges(graph, "reportedIn")
    assert ("Tessa Chen", "Pinterest") in edges(graph, "memberOf")
    undirected = graph.to_undirected()
    undirected.remove_node(verge)  # she is reached through the event, not through the outlet
    assert nx.shortest_path_length(undirected, article, tessa) == 2
    assert all(a["distance"] <= 2 for _, a in graph.nodes(data=True))


def test_amazon_reaches_aws_and_its_events(samples: KnowledgeGraph) -> None:
    amazon = iri_of(samples, "Amazon")
    graph = samples.network(amazon, hops=1)
    assert ("Amazon Web Services", "Amazon") in edges(graph, "subOrganizationOf")
    aws = next(n for n, a in graph.nodes(data=True) if a["label"] == "Amazon Web Services")
    assert graph.nodes[aws]["kind"] == "unit"
    events = {a["jobs_cut"] for _, a in graph.nodes(data=True) if a["kind"] == "event"}
    assert events == {14_000, 16_000, 30_000}
    assert {"Andy Jassy", "Beth Galetti"} <= labels(graph)
    # one hop: the Pinterest article is there (it mentions Amazon), Tessa Chen is not
    assert HEADLINE in labels(graph) and "Tessa Chen" not in labels(graph)
    wider = samples.network(amazon, hops=2)
    assert set(graph) < set(wider) and "Pinterest" in labels(wider) and "Tessa Chen" not in labels(wider)
    assert "Tessa Chen" in labels(samples.network(amazon, hops=3))


def test_amazons_two_waves_of_cuts(samples: KnowledgeGraph) -> None:
    amazon = iri_of(samples, "Amazon")
    timeline = firm_timeline(samples.query, amazon)
    waves = timeline.waves(amazon)
    assert [sorted({e.jobs_cut for e in w}) for w in waves] == [[14_000], [16_000]]
    assert str(waves[0][0].start) == "2025-10-01"  # announced "2025-10"
    # two articles (and two records) report the 16,000: one canonical event, first reported 2026-01-30
    assert [str(e.start) for e in waves[1]] == ["2026-01-30"]
    totals = timeline.totals()
    assert totals.loc[0, "waves"] == 2 and totals.loc[0, "jobs_cut"] == 30_000
    frame = timeline.frame()
    assert frame[frame["aggregate"]]["jobs_cut"].tolist() == [30_000]  # the sum is shown, not counted


def test_filters_drop_events_and_articles(samples: KnowledgeGraph) -> None:
    amazon = iri_of(samples, "Amazon")

    def jobs(**filters: object) -> set[int]:
        graph = samples.network(amazon, hops=1, **filters)
        return {a["jobs_cut"] for _, a in graph.nodes(data=True) if a["kind"] == "event"}

    assert jobs(min_jobs="15000") == {16_000, 30_000}
    assert jobs(start="2026-01") == {16_000, 30_000}
    assert jobs(end="2025-12") == {14_000}
    assert jobs(reason="bureaucracy") == {16_000}
    assert jobs(event_type="hiring_freeze") == set()
    graph = samples.network(amazon, hops=1, language="en")
    assert not any(a["kind"] == "article" for _, a in graph.nodes(data=True))
    by_outlet = samples.network(amazon, hops=1, source="The Verge")
    assert {a["label"] for _, a in by_outlet.nodes(data=True) if a["kind"] == "article"} == {HEADLINE}


def test_co_mention_and_wave_projections(samples: KnowledgeGraph) -> None:
    graph = samples.network(link="co-mention")
    assert isinstance(graph, FirmNetwork)
    pairs = {frozenset((graph.nodes[u]["label"], graph.nodes[v]["label"])) for u, v in graph.edges()}
    assert frozenset(("Pinterest", "Amazon")) in pairs
    assert {
        frozenset(p) for p in (("Klarna", "Microsoft"), ("Klarna", "Nvidia"), ("Microsoft", "Nvidia"))
    } <= pairs
    assert "The Verge" not in labels(graph) and "SEC" not in labels(
        graph
    )  # outlets and regulators are not firms
    amazon = iri_of(samples, "Amazon")
    assert graph.nodes[amazon]["jobs_cut"] == 30_000  # two waves, each figure once
    # Pinterest (2026-02-02) and Amazon (2026-01-30) both cite AI: three days apart
    for window, linked in ((3, True), (2, False)):
        waves = samples.network(link="wave", window_days=window)
        assert (amazon in waves and waves.has_edge(*sorted(waves))) is linked, window
    wave = samples.network(link="wave")
    (edge,) = wave.edges(data=True)
    assert edge[2]["reasons"] == ["ai"] and edge[2]["weight"] == 1
    assert samples.network(link="wave", reason="cost").number_of_edges() == 0


def test_shared_people_link_firms_with_a_common_member(fresh_samples: KnowledgeGraph) -> None:
    assert fresh_samples.network(link="shared-people").number_of_edges() == 0
    jassy, pinterest = iri_of(fresh_samples, "Andy Jassy"), iri_of(fresh_samples, "Pinterest")
    (role,) = fresh_samples.query_df(
        f"PREFIX org: <http://www.w3.org/ns/org#> SELECT ?r WHERE {{ ?m org:member <{jassy}> ; org:role ?r }}"
    )["r"]
    extra = (
        "@prefix org: <http://www.w3.org/ns/org#> .\n"
        f"<{jassy}> org:memberOf <{pinterest}> .\n"
        f"<{BASE}id/membership/board-test> a org:Membership ; org:member <{jassy}> ; "
        f"org:organization <{pinterest}> ; org:role <{role}> .\n"
    )
    results = fresh_samples.import_bytes("board.ttl", extra.encode())
    assert all(r.status == "imported" for r in results), [r.error for r in results]
    graph = fresh_samples.network(link="shared-people")
    assert {frozenset((graph.nodes[u]["label"], graph.nodes[v]["label"])) for u, v in graph.edges()} == {
        frozenset(("Amazon", "Pinterest"))
    }
    ((_, _, data),) = graph.edges(data=True)
    assert data["via"] == ["Andy Jassy"]


def test_parameters_are_checked(samples: KnowledgeGraph) -> None:
    amazon = iri_of(samples, "Amazon")
    with pytest.raises(NotFoundError):
        samples.network(amazon + "-missing")
    for bad in ({"hops": 5}, {"hops": 0}, {"hops": "two"}, {"min_jobs": "-1"}, {"start": "2026-13"},
                {"reason": "no-such-reason"}, {"event_type": "party"}, {"language": "d e"}):  # fmt: skip
        with pytest.raises(InputError):
            samples.network(amazon, **bad)
    with pytest.raises(InputError):
        samples.network(amazon, start="2026-02", end="2026-01")
    with pytest.raises(InputError):
        samples.network(link="friends")
    with pytest.raises(InputError):
        samples.network()


def test_outlets_are_reached_but_not_passed_through(samples: KnowledgeGraph) -> None:
    """Through an outlet every article of it would be two hops from every other."""
    verge = iri_of(samples, "The Verge")
    article = iri_of(samples, HEADLINE, "schema:headline")
    around_outlet = samples.network(verge, hops=2)  # the focus itself is expanded
    assert article in around_outlet and "Tessa Chen" in labels(around_outlet)
    two_hops = samples.network(article, hops=2)
    assert verge in two_hops and two_hops.nodes[verge]["distance"] == 1
    # Tessa Chen (two hops) spoke to The Verge: the edge to the outlet is there, from her side
    assert ("Tessa Chen", "The Verge") in edges(two_hops, "spokeTo")
    # nothing is reached only through The Verge
    without = samples.network(article, hops=2)
    without.remove_node(verge)
    assert nx.is_connected(without.to_undirected())


def _content(graph: nx.MultiDiGraph) -> tuple[list, list]:
    """Nodes and edges with their attributes, lists sorted (row order may differ between plans)."""

    def plain(attrs: dict) -> dict:
        return {k: sorted(map(str, v)) if isinstance(v, list) else v for k, v in attrs.items()}

    nodes = sorted((n, plain(a)) for n, a in graph.nodes(data=True))
    links = sorted((u, v, k, plain(a)) for u, v, k, a in graph.edges(keys=True, data=True))
    return nodes, links  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("name", "prop", "hops", "filters"),
    [
        (HEADLINE, "schema:headline", 2, {}),
        ("Amazon", "schema:name", 1, {}),
        ("Amazon", "schema:name", 3, {"min_jobs": "15000"}),
        ("Tessa Chen", "schema:name", 2, {"language": ["de"]}),
    ],
)
def test_plain_sparql_fallback_gives_the_same_graph(  # type: ignore[no-untyped-def]
    samples: KnowledgeGraph, name, prop, hops, filters
) -> None:
    """Stores without oxigraph's LATERAL get a plain SPARQL 1.1 join: same graph, other query."""
    from firmgraph.graph.views.filters import Filters
    from firmgraph.graph.views.network import ego_network, ego_query

    focus = iri_of(samples, name, prop)
    assert samples.store.lateral
    plain = ego_query(focus, hops, Filters.parse(**filters), 1000, lateral=False)
    assert "LATERAL" not in plain and "LATERAL" in ego_query(focus, hops, Filters.parse(**filters), 1000)
    lateral = samples.network(focus, hops=hops, **filters)
    fallback = samples.network(focus, hops=hops, lateral=False, **filters)
    assert lateral.number_of_edges() > 0 and _content(fallback) == _content(lateral)
    assert _content(
        ego_network(samples.query, focus, hops, Filters.parse(**filters), lateral=False)
    ) == _content(lateral)


def test_which_stores_get_lateral() -> None:
    """LATERAL is a capability of the store: the embedded one and a remote oxigraph server have it."""
    assert EmbeddedStore(None).lateral
    from firmgraph.graph.store.endpoints import LAYOUTS
    from firmgraph.graph.store.remote import RemoteStore

    for layout, expected in (("oxigraph", True), ("fuseki", False), ("sparql", False), ("firmgraph", False)):
        store = RemoteStore("http://127.0.0.1:9/q", "http://127.0.0.1:9/u", layout=LAYOUTS[layout])
        try:
            assert store.lateral is expected, layout
        finally:
            store.close()


def test_wave_links_count_every_pair_in_the_window_and_keep_the_heaviest() -> None:
    """The numpy sweep against the definition, on random events: same pairs, weights and reasons."""
    import random
    from itertools import combinations

    from firmgraph.graph.views.projections import wave_links

    rng = random.Random(5)
    firms = [f"{BASE}id/org/f{i}" for i in range(40)]
    reasons = [f"{BASE}reason/r{i}" for i in range(3)]
    events = [(rng.randrange(0, 400), rng.choice(firms), f"e{i}", rng.choice(reasons)) for i in range(600)]
    window = 12
    expected: dict[tuple[str, str], list] = {}
    for (d1, f1, _, r1), (d2, f2, _, r2) in combinations(events, 2):
        if r1 == r2 and f1 != f2 and abs(d1 - d2) <= window:
            entry = expected.setdefault(tuple(sorted((f1, f2))), [0, set()])  # type: ignore[arg-type]
            entry[0] += 1
            entry[1].add(r1.rsplit("/", 1)[1])
    dated: dict[str, list[tuple[int, str, str]]] = {}
    for day, firm, event, reason in events:
        dated.setdefault(reason, []).append((day, firm, event))
    for cap in (10**6, 25):
        graph = FirmNetwork(focus=None, link="wave", window_days=window, truncated=False)
        wave_links(graph, {k: list(v) for k, v in dated.items()}, window, cap)
        got = {tuple(sorted((u, v))): [d["weight"], set(d["reasons"])] for u, v, d in graph.edges(data=True)}
        if cap > len(expected):
            assert got == expected and graph.graph["links_dropped"] == 0 and len(got) > 100
        else:
            heaviest = sorted(expected.items(), key=lambda item: (-item[1][0], item[0]))[:cap]
            assert got == dict(heaviest) and graph.graph["links_dropped"] == len(expected) - cap
