"""Import inline records into a real on-disk store and read back the canonical events."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from firmgraph.graph.kg import KnowledgeGraph


def canonical_events(folder: Path, records: list[dict[str, Any]]) -> list[int]:
    """Import the records in order into a fresh store under `folder`; the number of reports of each
    canonical event, sorted. Every record must import."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, record in enumerate(records):
        path = folder / f"r{i}.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        paths.append(path)
    with KnowledgeGraph.open(folder / "store") as kg:
        assert [r.error for r in kg.import_paths(paths) if r.status != "imported"] == []
        rows = kg.query(
            "PREFIX fg: <https://w3id.org/firmgraph/ns#> SELECT ?c (COUNT(?r) AS ?n) WHERE { ?c fg:reports ?r }"
            " GROUP BY ?c"
        )
        return sorted(int(row["n"].value) for row in rows)  # type: ignore[index]
