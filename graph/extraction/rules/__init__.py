"""The rule-based extractor: lexicons and patterns for organisations, people, events, figures, dates and quotes."""

from firmgraph.graph.extraction.rules.extract import RuleExtractor

__all__ = ["RuleExtractor"]
