"""The attendance app's selectors, one module a feature."""
