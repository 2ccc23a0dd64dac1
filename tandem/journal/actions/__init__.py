"""The learning journal's actions, one module a feature."""
