"""contract (demo): to be written."""
