"""consents (services): to be written."""
