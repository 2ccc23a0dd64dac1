"""views of media."""
