"""The attendance app's services, one module a feature."""
