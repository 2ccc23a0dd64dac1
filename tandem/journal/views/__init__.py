"""The learning journal's views, one module a feature."""
