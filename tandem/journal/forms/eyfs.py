"""forms of eyfs."""
