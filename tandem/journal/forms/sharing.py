"""forms of sharing."""
