"""services of sharing."""
