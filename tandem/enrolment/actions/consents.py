"""consents (actions): to be written."""
