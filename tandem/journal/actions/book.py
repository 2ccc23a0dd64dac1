"""actions of book."""
