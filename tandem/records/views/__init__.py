"""Schools and the record's life: views, one module a feature."""
