"""The communication hub's hooks, one module a feature."""
