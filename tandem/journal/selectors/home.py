"""selectors of home."""
