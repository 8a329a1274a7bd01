"""Event resolution: each source's event reports resolved to canonical events (one per real-world event)."""

from __future__ import annotations

from firmgraph.graph.resolution.canonical import authority, canonical_iri
from firmgraph.graph.resolution.events import EventDecision, EventResolution, resolve_events
from firmgraph.graph.resolution.matching import Verdict, cluster, compare
from firmgraph.graph.resolution.reports import Report, read_reports

__all__ = [
    "EventDecision",
    "EventResolution",
    "Report",
    "Verdict",
    "authority",
    "canonical_iri",
    "cluster",
    "compare",
    "read_reports",
    "resolve_events",
]
