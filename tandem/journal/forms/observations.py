"""forms of observations."""
