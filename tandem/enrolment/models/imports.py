"""imports (models): to be written."""
