"""imports (forms): to be written."""
