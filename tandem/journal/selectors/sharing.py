"""selectors of sharing."""
