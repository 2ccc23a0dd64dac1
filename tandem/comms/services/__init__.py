"""The communication hub's services, one module a feature."""
