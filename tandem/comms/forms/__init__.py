"""The communication hub's forms, one module a feature."""
