"""The learning journal's forms, one module a feature."""
