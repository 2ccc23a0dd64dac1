"""imports (hooks): to be written."""
