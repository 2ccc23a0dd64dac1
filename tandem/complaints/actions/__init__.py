"""Concerns and complaints: actions, one module a feature."""
