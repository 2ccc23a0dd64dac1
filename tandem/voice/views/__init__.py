"""Parents' voice: views, one module a feature."""
