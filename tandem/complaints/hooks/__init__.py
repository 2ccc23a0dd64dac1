"""Concerns and complaints: hooks, one module a feature."""
