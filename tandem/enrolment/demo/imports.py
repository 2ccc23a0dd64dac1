"""imports (demo): to be written."""
