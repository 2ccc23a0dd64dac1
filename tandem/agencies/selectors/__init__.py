"""Other agencies: selectors, one module a feature."""
