"""Schools and the record's life: actions, one module a feature."""
