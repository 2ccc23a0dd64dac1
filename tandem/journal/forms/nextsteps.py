"""forms of nextsteps."""
