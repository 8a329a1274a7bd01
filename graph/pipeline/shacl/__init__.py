"""The compiled SHACL engine: the project's shapes as SPARQL queries that the store answers."""

from __future__ import annotations

from firmgraph.graph.pipeline.shacl.compile import Check, compile_shapes
from firmgraph.graph.pipeline.shacl.run import Answer, copy_described, memory_store, run_checks, to_ox_term

__all__ = ["Answer", "Check", "compile_shapes", "copy_described", "memory_store", "run_checks", "to_ox_term"]
