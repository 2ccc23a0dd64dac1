"""actions of summaries."""
