"""Schools and the record's life: hooks, one module a feature."""
