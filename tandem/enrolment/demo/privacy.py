"""privacy (demo): to be written."""
