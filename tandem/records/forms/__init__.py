"""Schools and the record's life: forms, one module a feature."""
