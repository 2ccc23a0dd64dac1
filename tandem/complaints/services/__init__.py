"""Concerns and complaints: services, one module a feature."""
