"""Readers: article files (plain text, HTML) to clean `Document`s with metadata."""

from firmgraph.graph.sources.document import Document
from firmgraph.graph.sources.readers import iter_documents, read_bytes, read_path

__all__ = ["Document", "iter_documents", "read_bytes", "read_path"]
