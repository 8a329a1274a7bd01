"""From a source to a commit: read records and articles, resolve names, build quads, validate with SHACL, commit; bulk runs."""
