"""services of book."""
