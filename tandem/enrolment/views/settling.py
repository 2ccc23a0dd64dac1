"""settling (views): to be written."""
