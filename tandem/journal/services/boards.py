"""services of boards."""
