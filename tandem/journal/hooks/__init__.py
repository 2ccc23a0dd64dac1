"""The learning journal's hooks, one module a feature."""
