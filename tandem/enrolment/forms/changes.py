"""changes (forms): to be written."""
