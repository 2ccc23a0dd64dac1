"""The learning journal's services, one module a feature."""
