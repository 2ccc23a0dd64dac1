"""The attendance app's hooks, one module a feature."""
