"""forms of summaries."""
