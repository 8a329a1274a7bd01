"""The same article twice (.txt scrape and .html page, either order): one source, one set of events."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from firmgraph.graph.kg import KnowledgeGraph

ARTICLE = "krellmann-2026-03-18.de.txt"
FG = "PREFIX fg: <https://w3id.org/firmgraph/ns#> PREFIX schema: <https://schema.org/> "


def as_html_page(text: str) -> str:
    """The article as a scraped page: navigation, cookie banner, newsletter box, teaser and the date in the markup."""
    title, *paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if "·" not in p)
    return f"""<!doctype html><html lang="de"><head><title>{html.escape(title)}</title>
<meta property="article:published_time" content="2026-03-18T08:00:00+01:00"></head><body>
<nav><a href="/">Start</a> <a href="/politik">Politik</a> <a href="/wirtschaft">Wirtschaft</a></nav>
<div class="cookie-banner">Wir verwenden Cookies. <button>Alle akzeptieren</button></div>
<article><h1>{html.escape(title)}</h1>
<p class="byline">Von Ronny Lehmann · 18.03.2026</p>
{body}</article>
<aside class="newsletter">Jetzt den Wirtschafts-Newsletter abonnieren!</aside>
<aside class="teaser"><a href="/x">Auch interessant: Neue Radwege in Zwickau</a></aside>
<footer>© 2026 Westsachsen-Anzeiger · Impressum · Datenschutz</footer></body></html>"""


def state(kg: KnowledgeGraph) -> tuple[int, int, int]:
    """(articles, event reports, canonical events) in the store."""
    articles = kg.query(FG + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a schema:NewsArticle }")
    reports = kg.query(FG + "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a fg:EventReport }")
    events = kg.query(FG + "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a fg:CanonicalEvent }")
    return tuple(int(next(iter(q))["n"].value) for q in (articles, reports, events))  # type: ignore[return-value]


@pytest.mark.parametrize("html_first", [False, True])
def test_txt_and_html_of_one_article_are_one_source(
    kg: KnowledgeGraph, shared_corpus: Path, tmp_path: Path, html_first: bool
) -> None:
    text = (shared_corpus / "articles" / ARTICLE).read_text(encoding="utf-8")
    page = tmp_path / "krellmann-page.html"
    page.write_text(as_html_page(text), encoding="utf-8")
    plain = tmp_path / ARTICLE
    # the .txt copy lost its date line (the footer of the scrape)
    plain.write_text(
        "\n".join(line for line in text.splitlines() if "18.03.2026" not in line), encoding="utf-8"
    )
    first, second = (page, plain) if html_first else (plain, page)
    (one,) = kg.import_paths([first])
    assert one.status == "imported", one.error
    alone = state(kg)
    (two,) = kg.import_paths([second])
    assert two.status == "imported", two.error
    assert two.graph == one.graph, "the second copy replaces the first"
    assert any(m.kind == "source" and "same article" in m.reason for m in two.matches)
    assert state(kg)[0] == 1 and state(kg)[2] == alone[2]
    dates = kg.query(FG + "SELECT ?d WHERE { ?doc a schema:NewsArticle ; schema:datePublished ?d }")
    assert [r["d"].value[:10] for r in dates] == ["2026-03-18"]  # type: ignore[index]


def test_different_articles_are_not_taken_for_copies(kg: KnowledgeGraph, shared_corpus: Path) -> None:
    folder = shared_corpus / "articles"
    results = kg.import_paths([folder / "ampelio-2025-10-14.de.txt", folder / "ampelio-2025-10-17.en.txt"])
    assert len({r.graph for r in results}) == 2
    assert not any(m.kind == "source" for r in results for m in r.matches)
