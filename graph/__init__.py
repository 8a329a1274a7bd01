"""firmgraph's library: stores, imports, queries, validation, views and publishing.

The public surface is `__all__` below (pinned by tests/test_public_api.py), and these modules, which
the docs name: `extraction` (the extractor protocol and registry), `model.formats` and
`sources.formats` (the format registries), `views.projections` (link kinds), `views.network`,
`views.analytics` and `views.timeline` (docs/views.md), `store` (`Store`, `open_store`) and
`errors`. Every other module is internal: it may move or change without notice.
"""

from firmgraph.graph.errors import (
    ConfigurationError,
    FirmgraphError,
    InputError,
    NotFoundError,
    QueryError,
    QueryTimeoutError,
    ShapeViolationError,
    StoreError,
)
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.model.formats import RdfFormat, register_rdf_format
from firmgraph.graph.pipeline.imports import ImportResult
from firmgraph.graph.settings import Settings, get_settings
from firmgraph.graph.sources.formats import SourceFormat, register_source_format
from firmgraph.graph.store import Store
from firmgraph.graph.version import __version__

__all__ = [
    "ConfigurationError",
    "FirmgraphError",
    "ImportResult",
    "InputError",
    "KnowledgeGraph",
    "NotFoundError",
    "QueryError",
    "QueryTimeoutError",
    "RdfFormat",
    "Settings",
    "ShapeViolationError",
    "SourceFormat",
    "Store",
    "StoreError",
    "__version__",
    "get_settings",
    "register_rdf_format",
    "register_source_format",
]
