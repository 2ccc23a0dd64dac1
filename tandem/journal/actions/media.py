"""actions of media."""
