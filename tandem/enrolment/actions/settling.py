"""settling (actions): to be written."""
