"""selectors of book."""
