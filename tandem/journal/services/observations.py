"""services of observations."""
