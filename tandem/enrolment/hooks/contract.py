"""contract (hooks): to be written."""
