"""information (models): to be written."""
