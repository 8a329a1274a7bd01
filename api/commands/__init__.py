"""The `firmgraph` command's sub-commands, one module per concern; `firmgraph.api.cli` assembles them."""
