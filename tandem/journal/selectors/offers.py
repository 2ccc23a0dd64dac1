"""selectors of offers."""
