"""The wheel ships every sub-package and data file: a folder missing from pyproject is missing for users."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO

TOP = {
    "firmgraph.graph": "graph",
    "firmgraph.api": "api",
    "firmgraph.ontology": "ontology",
    "firmgraph.shapes": "shapes",
}


def test_every_python_folder_is_a_listed_package() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["package-dir"] == TOP
    found = set()
    for package, folder in TOP.items():
        for init in (REPO / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(REPO / folder).parts
            found.add(".".join((package, *parts)))
    assert len(found) >= len(TOP)
    assert sorted(config["packages"]) == sorted(found)
