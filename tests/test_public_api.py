"""The public surface of firmgraph.graph is small and deliberate: changing it must change this test."""

from __future__ import annotations

import firmgraph.graph


def test_exported_members() -> None:
    assert sorted(firmgraph.graph.__all__) == [
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
    for name in firmgraph.graph.__all__:
        assert getattr(firmgraph.graph, name) is not None


def test_every_module_names_what_it_exports_or_is_internal() -> None:
    """A module with public names lists them in __all__, so what may move is visible."""
    import importlib
    import pkgutil

    missing = []
    for info in pkgutil.walk_packages(firmgraph.graph.__path__, "firmgraph.graph."):
        module = importlib.import_module(info.name)
        parents = [
            importlib.import_module(info.name.rsplit(".", n)[0]) for n in range(1, info.name.count(".") - 1)
        ]
        internal = any("internal" in (m.__doc__ or "").lower() for m in (module, *parents))
        if not info.ispkg and not internal and not hasattr(module, "__all__"):
            missing.append(info.name)
    assert missing == [], "add __all__ (or say the module is internal in its docstring)"


def test_no_module_imports_another_modules_private_names() -> None:
    """Names two modules share are public: `from x import _y` across modules is what lets code rot."""
    import ast

    from tests.conftest import REPO

    found = []
    for folder in ("graph", "api", "tests", "bench"):
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    ("firmgraph", "tests")
                ):
                    found += [
                        f"{path.relative_to(REPO)}: {a.name}"
                        for a in node.names
                        if a.name.startswith("_") and not a.name.startswith("__")
                    ]
    assert found == []
