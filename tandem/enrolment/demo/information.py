"""information (demo): to be written."""
