"""The public surface of firmgraph.graph is small and deliberate: changing it must change this test."""

from __future__ import annotations

import firmgraph.graph


def test_exported_members() -> None:
    assert sorted(firmgraph.graph.__all__) == [
        "FirmgraphError",
        "ImportResult",
        "InputError",
        "KnowledgeGraph",
        "NotFoundError",
        "QueryError",
        "QueryTimeoutError",
        "Settings",
        "ShapeViolationError",
        "Store",
        "StoreError",
        "__version__",
        "get_settings",
    ]
    for name in firmgraph.graph.__all__:
        assert getattr(firmgraph.graph, name) is not None
