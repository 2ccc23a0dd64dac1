"""settling (selectors): to be written."""
