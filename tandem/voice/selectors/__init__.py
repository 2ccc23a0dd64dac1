"""Parents' voice: selectors, one module a feature."""
