"""selectors of summaries."""
