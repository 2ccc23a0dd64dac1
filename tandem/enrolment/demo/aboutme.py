"""aboutme (demo): to be written."""
