"""Parents' voice: demo, one module a feature."""
