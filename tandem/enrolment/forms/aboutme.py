"""aboutme (forms): to be written."""
