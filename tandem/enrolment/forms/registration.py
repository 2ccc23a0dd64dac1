"""registration (forms): to be written."""
