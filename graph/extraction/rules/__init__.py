"""The rule-based extractor: lexicons and patterns for organisations, people, events, figures, dates and quotes."""
