"""Running SPARQL: the bounded query engine and its workers, result formats, syntax helpers, guarded writes, cookbook."""
