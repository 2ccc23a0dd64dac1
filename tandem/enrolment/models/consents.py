"""consents (models): to be written."""
