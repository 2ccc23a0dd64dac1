"""Parents' voice: actions, one module a feature."""
