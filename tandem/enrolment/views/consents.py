"""consents (views): to be written."""
