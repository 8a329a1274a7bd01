"""firmgraph's library: stores, imports, queries, validation.

The public surface is small and pinned by a test; import anything else from its module.
"""

from firmgraph.graph.errors import (
    FirmgraphError,
    InputError,
    NotFoundError,
    QueryError,
    QueryTimeoutError,
    ShapeViolationError,
    StoreError,
)
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.pipeline.imports import ImportResult
from firmgraph.graph.settings import Settings, get_settings
from firmgraph.graph.store import Store
from firmgraph.graph.version import __version__

__all__ = [
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
