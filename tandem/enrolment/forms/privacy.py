"""privacy (forms): to be written."""
