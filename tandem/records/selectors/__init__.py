"""Schools and the record's life: selectors, one module a feature."""
