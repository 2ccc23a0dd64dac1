"""Schools and the record's life: services, one module a feature."""
