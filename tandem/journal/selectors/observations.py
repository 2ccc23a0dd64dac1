"""selectors of observations."""
