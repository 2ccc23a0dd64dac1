"""registration (demo): to be written."""
