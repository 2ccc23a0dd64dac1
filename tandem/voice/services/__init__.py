"""Parents' voice: services, one module a feature."""
