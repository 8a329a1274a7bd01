"""The rule-based extractor: lexicons and patterns for organisations, people, events, figures, dates and quotes.

Its modules are internal: use `RuleExtractor` from here (or `get_extractor("rules")`).
"""

from firmgraph.graph.extraction.rules.extract import RuleExtractor

__all__ = ["RuleExtractor"]
