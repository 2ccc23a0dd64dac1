"""consents (demo): to be written."""
