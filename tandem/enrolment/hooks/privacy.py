"""privacy (hooks): to be written."""
