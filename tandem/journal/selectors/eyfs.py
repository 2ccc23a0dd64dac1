"""selectors of eyfs."""
