"""What every command shares: the store chosen on the command line, opening it, failing cleanly."""

from __future__ import annotations

from typing import NoReturn

import typer

from firmgraph.graph.errors import FirmgraphError
from firmgraph.graph.kg import KnowledgeGraph
from firmgraph.graph.settings import Settings, get_settings

__all__ = ["State", "fail", "open_kg", "settings"]


class State:
    """Options of the top-level callback, read by the commands."""

    store: str | None = None


def settings() -> Settings:
    return get_settings()


def open_kg() -> KnowledgeGraph:
    """The knowledge graph at `--store` (or the settings' store); a clean exit 1 if it cannot be opened."""
    try:
        return KnowledgeGraph.open(State.store)
    except FirmgraphError as e:
        fail(str(e))


def fail(message: str, code: int = 1) -> NoReturn:
    """Print the error and exit with `code` (1: rejected input, 2: usage)."""
    typer.secho(f"error: {message}", fg="red", err=True)
    raise typer.Exit(code)
