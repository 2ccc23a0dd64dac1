"""contract (models): to be written."""
