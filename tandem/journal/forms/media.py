"""forms of media."""
