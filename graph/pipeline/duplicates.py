"""The same article again: recognised by its text, it replaces the earlier source instead of adding one.

A .txt scrape and the .html page of one article, or a syndicated copy, have other bytes (so another
SHA-256) but nearly the same main text. The new copy takes the earlier source's key, so its graph
replaces that source's graph, its event reports keep their IRIs, and nothing is counted twice. An
article date only one copy states (the .txt lost the footer) is kept.
"""

from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox

from firmgraph.graph.model.iris import entity_iri
from firmgraph.graph.model.namespaces import FG, SCHEMA
from firmgraph.graph.model.records import Record
from firmgraph.graph.pipeline.quads import SourceInfo
from firmgraph.graph.sources.neardup import SAME_ARTICLE, bands, similarity
from firmgraph.graph.store import Queryable

__all__ = ["band_quads", "same_article"]


def band_quads(base: str, info: SourceInfo, graph: str) -> list[ox.Quad]:
    """The text's MinHash bands on its document (what the next copy is found by)."""
    if not info.text:
        return []
    doc, g, p = (
        ox.NamedNode(entity_iri(base, "doc", info.key)),
        ox.NamedNode(graph),
        ox.NamedNode(str(FG.textBand)),
    )
    return [ox.Quad(doc, p, ox.Literal(band), g) for band in bands(info.text)]


def same_article(
    store: Queryable | None, base: str, info: SourceInfo, record: Record
) -> tuple[SourceInfo, Record, str | None]:
    """The source facts and record to import: under the earlier copy's key when the store holds one.

    Returns the (possibly re-keyed) info, the record (with the earlier copy's date when this one has
    none) and a note naming the earlier copy, or None when the article is new.
    """
    keys = bands(info.text or "")
    if store is None or not keys:
        return info, record, None
    values = " ".join(str(ox.Literal(k)) for k in keys)
    rows = store.query(
        f"SELECT DISTINCT ?doc ?text ?date WHERE {{ VALUES ?band {{ {values} }} GRAPH ?g {{ ?doc <{FG.textBand}> ?band ;"
        f" <{SCHEMA.text}> ?text OPTIONAL {{ ?doc <{SCHEMA.datePublished}> ?date }} }} }} ORDER BY ?doc"
    )
    own = entity_iri(base, "doc", info.key)
    best: tuple[float, str, str | None] | None = None
    for row in rows:  # type: ignore[union-attr]
        doc = row["doc"].value
        if doc == own:
            continue
        score = similarity(info.text or "", row["text"].value)
        if score >= SAME_ARTICLE and (best is None or score > best[0]):
            best = (score, doc, row["date"].value if row["date"] is not None else None)
    if best is None:
        return info, record, None
    score, doc, date = best
    if record.article.date is None and date:
        record = record.model_copy(update={"article": record.article.model_copy(update={"date": date[:10]})})
    note = f"the same article as {doc} ({score:.0%} of its text in common): this copy replaces that source"
    return replace(info, key=doc.rsplit("/", 1)[-1]), record, note
