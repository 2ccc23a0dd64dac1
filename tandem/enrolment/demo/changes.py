"""changes (demo): to be written."""
