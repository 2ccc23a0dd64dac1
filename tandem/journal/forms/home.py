"""forms of home."""
