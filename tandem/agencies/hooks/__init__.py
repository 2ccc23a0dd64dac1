"""Other agencies: hooks, one module a feature."""
