"""settling (models): to be written."""
