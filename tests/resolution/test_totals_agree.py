"""Every total a user can see agrees: SPARQL's jobs-cut-per-firm, the timeline and the firm pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings
from firmgraph.graph.sparql.cookbook import get_query
from firmgraph.graph.sparql.counting import firm_total
from firmgraph.graph.views.timeline import firm_timeline

pytestmark = pytest.mark.slow


def test_sparql_timeline_and_pages_give_the_same_totals_on_the_corpus(
    shared_corpus: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    with KnowledgeGraph.open(
        store, settings=Settings(store=str(store), base_iri="https://w3id.org/firmgraph/")
    ) as kg:
        results = kg.import_paths(sorted((shared_corpus / "articles").glob("*.txt")))
        assert {r.status for r in results} == {"imported"}
        timeline = firm_timeline(kg.query, max_firms=1000).totals().set_index("firm")
        checked = 0
        for firm, row in timeline.iterrows():
            sparql = kg.query_df(
                get_query("jobs-cut-per-firm")
                .text.replace("?company schema:name $firm .", f"BIND(<{firm}> AS ?company)")
                .replace("$year", '""')
            )
            events, jobs = firm_total(kg.store, str(firm))
            assert int(sparql["jobsCut"].iloc[0]) == jobs == int(row["jobs_cut"]), (row["name"], events)
            checked += 1
        assert checked > 20
