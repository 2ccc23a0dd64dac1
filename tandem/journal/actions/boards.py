"""actions of boards."""
