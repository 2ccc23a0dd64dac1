"""views of nextsteps."""
