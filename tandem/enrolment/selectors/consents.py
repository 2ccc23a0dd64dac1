"""consents (selectors): to be written."""
