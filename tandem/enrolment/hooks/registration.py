"""registration (hooks): to be written."""
