"""settling (services): to be written."""
