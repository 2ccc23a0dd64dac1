"""views of sharing."""
