"""settling (forms): to be written."""
