"""Schools and the record's life: demo, one module a feature."""
