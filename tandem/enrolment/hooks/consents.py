"""consents (hooks): to be written."""
