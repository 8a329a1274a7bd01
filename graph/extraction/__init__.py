"""Extraction: articles to records (organisations, people, events, filings, quotes) with evidence.

The protocol and the registry are here; the rule-based extractor is in `rules/`, registered
under the entry-point group `firmgraph.extractors` like any other.
"""

from firmgraph.graph.extraction.base import ENTRY_POINT_GROUP, Extractor, available, get_extractor, register
from firmgraph.graph.extraction.rules import RuleExtractor

__all__ = ["ENTRY_POINT_GROUP", "Extractor", "RuleExtractor", "available", "get_extractor", "register"]
