"""Parents' voice: forms, one module a feature."""
