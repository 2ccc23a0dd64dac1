"""Concerns and complaints: views, one module a feature."""
