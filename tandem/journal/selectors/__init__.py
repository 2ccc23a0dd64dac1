"""The learning journal's selectors, one module a feature."""
