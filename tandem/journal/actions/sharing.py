"""actions of sharing."""
