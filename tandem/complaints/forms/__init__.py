"""Concerns and complaints: forms, one module a feature."""
