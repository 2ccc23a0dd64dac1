"""actions of nextsteps."""
