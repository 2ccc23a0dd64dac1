"""Other agencies: services, one module a feature."""
