"""The attendance app's actions, one module a feature."""
