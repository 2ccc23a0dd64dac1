"""forms of boards."""
