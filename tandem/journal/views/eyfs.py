"""views of eyfs."""
