"""The attendance app's forms, one module a feature."""
