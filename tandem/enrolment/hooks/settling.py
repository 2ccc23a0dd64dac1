"""settling (hooks): to be written."""
