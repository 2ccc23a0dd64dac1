"""changes (hooks): to be written."""
