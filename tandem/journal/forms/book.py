"""forms of book."""
