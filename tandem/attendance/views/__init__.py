"""The attendance app's views, one module a feature."""
