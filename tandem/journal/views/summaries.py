"""views of summaries."""
