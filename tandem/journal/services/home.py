"""services of home."""
