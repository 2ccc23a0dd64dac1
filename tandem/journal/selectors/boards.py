"""selectors of boards."""
