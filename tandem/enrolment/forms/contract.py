"""contract (forms): to be written."""
