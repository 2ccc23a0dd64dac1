"""Other agencies: forms, one module a feature."""
