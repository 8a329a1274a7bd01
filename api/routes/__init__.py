"""The app's routers, one module per concern: the SPARQL protocol, updates, the graph store, the workbench."""
