"""aboutme (hooks): to be written."""
