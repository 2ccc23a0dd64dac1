"""registration (models): to be written."""
