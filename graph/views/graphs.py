"""The network classes: networkx graphs that know how to show themselves (the drawing is in `render`)."""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["EgoNetwork", "FirmNetwork", "NetworkView"]


class NetworkView:
    """Rendering for the network classes: pyvis, a self-contained HTML page, Jupyter."""

    def to_pyvis(self, **options: Any) -> Any:
        """A pyvis Network (offline: its HTML inlines vis-network); options as for `views.view_data`."""
        from firmgraph.graph.views.render import to_pyvis

        return to_pyvis(self, **options)  # type: ignore[arg-type]

    def to_html(self, **options: Any) -> str:
        """One self-contained HTML page (no external URL)."""
        from firmgraph.graph.views.render import render_network

        return render_network(self, **options)  # type: ignore[arg-type]

    def show(self, path: str | None = None, **options: Any) -> Any:
        """In Jupyter: an inline frame; elsewhere: write the page (a temporary file by default) and open it."""
        from firmgraph.graph.views.pages import show

        return show(self.to_html(**options), path)

    def _repr_html_(self) -> str:
        from firmgraph.graph.views.pages import iframe

        return iframe(self.to_html())


class EgoNetwork(NetworkView, nx.MultiDiGraph):  # type: ignore[misc]
    """Typed nodes (kind, label, facts) and typed edges (relation) around one focus entity."""


class FirmNetwork(NetworkView, nx.Graph):  # type: ignore[misc]
    """Firms linked by shared people, co-mention or waves; edges carry weight and examples (via)."""
