"""The communication hub's selectors, one module a feature."""
