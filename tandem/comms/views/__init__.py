"""The communication hub's views, one module a feature."""
