"""selectors of nextsteps."""
