"""changes (models): to be written."""
