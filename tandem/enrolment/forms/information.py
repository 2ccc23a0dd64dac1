"""information (forms): to be written."""
