"""views of home."""
