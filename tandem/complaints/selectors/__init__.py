"""Concerns and complaints: selectors, one module a feature."""
