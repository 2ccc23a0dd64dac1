"""registration (services): to be written."""
