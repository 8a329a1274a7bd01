"""The saved queries answer the questions they are named for, through the endpoint."""

from __future__ import annotations

from firmgraph.graph.sparql.cookbook import get_query
from tests.http.conftest import Server


def run(server: Server, slug: str, **params: str) -> list[dict[str, str]]:
    return server.select(get_query(slug).bind(params))


def test_cuts_of_a_firm_in_a_period(server: Server) -> None:
    whole = run(server, "cuts-by-firm-and-period", firm="Amazon", **{"from": "2025-01", "to": "2026-12"})
    october = run(server, "cuts-by-firm-and-period", firm="Amazon", **{"from": "2025-10", "to": "2025-10"})
    assert [(r["when"], r["jobsCut"]) for r in october] == [("2025-10", "14000")]
    assert len(whole) > len(october)
    assert run(server, "cuts-by-firm-and-period", firm="Amazon", **{"from": "2024", "to": "2024"}) == []


def test_cuts_citing_ai(server: Server) -> None:
    firms = {r["firm"] for r in run(server, "cuts-citing-ai")}
    assert {"Amazon", "Pinterest", "Klarna"} <= firms


def test_spokespeople_per_firm(server: Server) -> None:
    pairs = {(r["firm"], r["spokesperson"]) for r in run(server, "spokespeople-per-firm")}
    assert {("Pinterest", "Tessa Chen"), ("Amazon", "Beth Galetti")} <= pairs


def test_waves_of_cuts_per_month(server: Server) -> None:
    months = {r["month"]: int(r["events"]) for r in run(server, "waves-per-month")}
    assert months["2025-10"] == 1
    assert list(months) == sorted(months)


def test_headcount_trajectories(server: Server) -> None:
    klarna = [
        (r.get("headcountBefore"), r.get("headcountAfter"), r.get("headcountTarget"))
        for r in run(server, "headcount-trajectories")
        if r["firm"] == "Klarna"
    ]
    assert ("5000", "3800", None) in klarna and ("3800", None, "2000") in klarna


def test_filings_versus_news(server: Server) -> None:
    rows = run(server, "filings-vs-news")
    on_file = {r["firm"] for r in rows if r["onFile"] == "true"}
    assert "Pinterest" in on_file
    assert any(r["firm"] == "Amazon" and r["onFile"] == "false" for r in rows)


def test_where_a_number_comes_from(server: Server, article_imported: None) -> None:
    rows = run(server, "sources-of-a-number", firm="Pinterest")
    jobs = [r for r in rows if r["fact"].endswith("#jobsCut") and "quote" in r]
    assert jobs and "750" in jobs[0]["quote"]
    assert all(r["document"].startswith("https://w3id.org/firmgraph/id/doc/") for r in rows if "quote" in r)


def test_largest_cuts_and_reasons_and_cost_per_job(server: Server) -> None:
    assert run(server, "largest-cuts")[0]["jobsCut"] == "16000"  # the 30,000 is a cumulative figure
    reasons = {r["label"]: int(r["events"]) for r in run(server, "cuts-by-reason")}
    assert reasons["AI adoption"] >= 3
    (pinterest,) = [r for r in run(server, "cost-per-job") if r["firm"] == "Pinterest"][:1]
    assert (float(pinterest["perJobMin"]), float(pinterest["perJobMax"])) == (46667, 60000)


def test_people_articles_and_quotes_of_a_firm(server: Server) -> None:
    people = {(r["name"], r.get("role")) for r in run(server, "people-of-a-firm", firm="Amazon")}
    assert ("Andy Jassy", "chief executive officer") in people
    articles = run(server, "articles-about-a-firm", firm="Amazon")
    assert {r["relation"] for r in articles} == {"about", "mentions"}
    speakers = {r["speaker"] for r in run(server, "quotes-about-cuts", firm="Amazon")}
    assert "Andy Jassy" in speakers
