"""views of observations."""
