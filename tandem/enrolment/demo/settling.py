"""settling (demo): to be written."""
