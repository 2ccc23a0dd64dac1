"""views of book."""
