"""How people reach firmgraph: the CLI and the HTTP app."""
