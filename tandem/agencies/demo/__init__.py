"""Other agencies: demo, one module a feature."""
