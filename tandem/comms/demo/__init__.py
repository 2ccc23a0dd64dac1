"""The communication hub's demo, one module a feature."""
