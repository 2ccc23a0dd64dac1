"""privacy (models): to be written."""
