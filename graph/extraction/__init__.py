"""Extraction: articles to records (organisations, people, events, filings, quotes) with evidence."""

from firmgraph.graph.extraction.base import Extractor, available, get_extractor, register
from firmgraph.graph.extraction.rules.extract import RuleExtractor

register("rules", RuleExtractor)

__all__ = ["Extractor", "RuleExtractor", "available", "get_extractor", "register"]
