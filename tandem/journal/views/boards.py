"""views of boards."""
