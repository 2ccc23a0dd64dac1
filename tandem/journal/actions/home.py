"""actions of home."""
