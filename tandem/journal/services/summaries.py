"""services of summaries."""
