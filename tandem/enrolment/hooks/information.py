"""information (hooks): to be written."""
