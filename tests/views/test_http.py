"""The views over a real server and through the CLI: status codes, validation, injection, content."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from firmgraph.graph.errors import InputError, NotFoundError
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.views.network import network
from tests.http.conftest import Server, firmgraph_command
from tests.views.conftest import BASE, copy_store, iri_of
from tests.views.test_render import external_references

PAYLOADS = ["'", "\\", '"', ">", "x> } UNION { ?s ?p ?o } #", "a\nb", '") || true || ("', "{}"]
"""Quotes, an IRI end, braces, a newline, a backslash: anything that would break out of the query text."""


def view_nodes(response: httpx.Response) -> set[str]:
    match = re.search(r'<script type="application/json" id="view-data">(.*?)</script>', response.text, re.S)
    assert match, response.text[:300]
    return {n["id"] for n in json.loads(match.group(1).replace("<\\/", "</"))["nodes"]}


def get(server: Server, path: str, **params: str) -> httpx.Response:
    return httpx.get(server.url + path, params=params, timeout=60)


def test_views_answer_with_the_graph(views_server: Server, samples: KnowledgeGraph) -> None:
    article = iri_of(samples, "Pinterest opfert Jobs für KI", "schema:headline")
    response = get(views_server, "/views/network", focus=article, hops="2")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert view_nodes(response) == set(samples.network(article, hops=2))
    assert external_references(response.text) == []
    firms = get(views_server, "/views/firms", link="wave")
    assert view_nodes(firms) == set(samples.network(link="wave"))
    widest = get(views_server, "/views/firms", link="wave", window="3660", links="1")
    capped = samples.network(link="wave", window_days=3660, max_links=1)
    assert capped.number_of_edges() == 1 and capped.graph["links_dropped"] == 0  # the samples have one wave
    assert (
        view_nodes(widest) == set(capped) and 'name="links" type="number" size="6" value="1"' in widest.text
    )
    amazon = iri_of(samples, "Amazon")
    timeline = get(views_server, "/views/timeline", firm=amazon)
    assert timeline.status_code == 200 and timeline.text.count('class="event-row"') == 3
    assert f'href="/{amazon.removeprefix(BASE)}"' not in timeline.text  # events link, not firms
    assert 'href="/id/event/' in timeline.text


def test_bad_parameters_are_400_and_unknown_entities_404(
    views_server: Server, samples: KnowledgeGraph
) -> None:
    amazon = iri_of(samples, "Amazon")
    assert get(views_server, "/views/network", focus=amazon + "-missing").status_code == 404
    assert get(views_server, "/views/timeline", firm=BASE + "id/org/missing").status_code == 404
    assert (
        get(views_server, "/views/network", focus="not a name in the graph").status_code == 404
    )  # names resolve
    bad = [
        ("/views/network", {"focus": amazon, "hops": "5"}),
        ("/views/network", {"focus": amazon, "hops": "0"}),
        ("/views/network", {"focus": amazon, "cap": "5001"}),
        ("/views/network", {}),
        ("/views/firms", {"link": "cousins"}),
        ("/views/firms", {"link": "wave", "window": "99999"}),
        ("/views/firms", {"link": "wave", "links": "0"}),
        ("/views/firms", {"link": "wave", "links": "x"}),
        ("/views/firms", {"link": "co-mention", "from": "2026-02-30"}),
        ("/views/timeline", {"min_jobs": "many"}),
    ]
    for path, params in bad:
        response = get(views_server, path, **params)
        assert response.status_code == 400, (path, params, response.text)
        assert response.json()["error"] == "InputError"


@pytest.mark.slow
def test_no_parameter_injects_sparql(views_server: Server, samples: KnowledgeGraph) -> None:
    amazon = iri_of(samples, "Amazon")
    filters = ["from", "to", "reason", "event_type", "min_jobs", "language", "source"]
    views = {
        "/views/network": ({"focus": amazon, "hops": "1"}, ["focus", "hops", "cap"]),
        "/views/firms": ({"link": "co-mention"}, ["link", "window", "cap"]),
        "/views/timeline": ({}, ["firm", "window"]),
    }
    for path, (base, own) in views.items():
        for name in own + filters:
            for payload in PAYLOADS[2:]:
                params = {**base, name: base.get(name, "") + payload}
                response = get(views_server, path, **params)
                assert response.status_code in (400, 404) or (
                    # a free-text outlet name is a string literal: it can only match nothing
                    name == "source" and response.status_code == 200
                ), (path, name, payload, response.status_code, response.text[:200])
                if response.status_code != 200:
                    assert response.json()["error"] in ("InputError", "NotFoundError")
    # a source name full of SPARQL selects what an unknown outlet selects
    unknown = view_nodes(get(views_server, "/views/network", focus=amazon, hops="1", source="no such outlet"))
    for payload in PAYLOADS:
        tried = get(views_server, "/views/network", focus=amazon, hops="1", source="x" + payload)
        assert view_nodes(tried) == unknown, payload


def test_payloads_reach_queries_only_as_literals(samples: KnowledgeGraph) -> None:
    amazon = iri_of(samples, "Amazon")
    queries: list[str] = []

    def run(text: str) -> object:
        queries.append(text)
        return samples.query(text)  # a broken query raises SyntaxError here

    baseline = set(network(run, amazon, hops=1, source="no such outlet"))
    for payload in PAYLOADS:
        assert set(network(run, amazon, hops=1, source="x" + payload)) == baseline
        for name in ("focus", "reason", "language", "start", "end", "min_jobs", "event_type", "hops"):
            options = {"hops": 1, name: "x" + payload} if name != "focus" else {}
            with pytest.raises(InputError if name != "focus" or payload != "'" else NotFoundError):
                network(run, amazon + payload if name == "focus" else amazon, **options)  # type: ignore[arg-type]
    assert all("UNION { ?s ?p ?o }" not in q for q in queries)


@pytest.fixture(scope="module")
def cli_store(views_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_store(views_store, tmp_path_factory.mktemp("cli"))


def firmgraph(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*firmgraph_command(), "--store", str(store), *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_cli_writes_offline_views(cli_store: Path, samples: KnowledgeGraph, tmp_path: Path) -> None:
    amazon = iri_of(samples, "Amazon")
    out = tmp_path / "view.html"
    done = firmgraph(
        cli_store, "view", "--focus", amazon, "--hops", "1", "--min-jobs", "15000", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    expected = samples.network(amazon, hops=1, min_jobs="15000")
    assert f"{expected.number_of_nodes()} nodes" in done.stdout
    page = out.read_text()
    assert external_references(page) == [] and "Amazon Web Services" in page and "14,000 jobs" not in page
    waves = str(tmp_path / "waves.html")
    done = firmgraph(cli_store, "view", "--link", "wave", "--window", "3", "--links", "5", "-o", waves)
    assert done.returncode == 0 and "2 nodes, 1 edges" in done.stdout, done.stdout + done.stderr
    done = firmgraph(cli_store, "view", "--timeline", "--firm", amazon, "-o", str(tmp_path / "amazon.svg"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "amazon.svg").read_text().count('class="event"') == 2
    failed = firmgraph(cli_store, "view", "--focus", amazon, "--hops", "9", "-o", str(out))
    assert failed.returncode == 1 and "hops must be between 1 and 4" in failed.stderr
    failed = firmgraph(cli_store, "view", "--link", "wave", "--links", "0", "-o", str(out))
    assert failed.returncode == 1 and "links must be between 1 and" in failed.stderr
    missing = firmgraph(cli_store, "view", "--focus", quote(amazon + "-x", safe=":/"), "-o", str(out))
    assert missing.returncode == 1 and "not in the graph" in missing.stderr


def test_a_remote_sparql_store_gets_the_plain_queries(
    views_server: Server, samples: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store reached over SPARQL 1.1 only (here: a firmgraph server) gets no LATERAL, and the same graphs."""
    from firmgraph.graph.settings import Settings, get_settings

    monkeypatch.delenv("FIRMGRAPH_REMOTE_TOKEN", raising=False)
    get_settings.cache_clear()
    try:
        with KnowledgeGraph.open(views_server.url + "#firmgraph", settings=Settings(base_iri=BASE)) as remote:
            assert not remote.store.lateral
            for name, hops in (("Amazon", 2), ("Tessa Chen", 3)):
                focus = iri_of(samples, name)
                far, near = remote.network(focus, hops=hops), samples.network(focus, hops=hops)
                assert set(far.edges(keys=True)) == set(near.edges(keys=True)) and far.number_of_edges() > 0
                assert dict(far.nodes(data="label")) == dict(near.nodes(data="label"))
    finally:
        get_settings.cache_clear()
