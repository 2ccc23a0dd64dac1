"""Other agencies: views, one module a feature."""
