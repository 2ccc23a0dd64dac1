"""consents (forms): to be written."""
