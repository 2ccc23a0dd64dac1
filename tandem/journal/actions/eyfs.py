"""actions of eyfs."""
