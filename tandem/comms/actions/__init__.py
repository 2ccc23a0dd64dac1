"""The communication hub's actions, one module a feature."""
