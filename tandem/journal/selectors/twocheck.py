"""selectors of twocheck."""
