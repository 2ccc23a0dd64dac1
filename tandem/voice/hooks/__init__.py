"""Parents' voice: hooks, one module a feature."""
