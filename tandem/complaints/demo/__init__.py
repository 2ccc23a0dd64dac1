"""Concerns and complaints: demo, one module a feature."""
