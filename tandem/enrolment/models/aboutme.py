"""aboutme (models): to be written."""
