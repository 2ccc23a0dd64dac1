"""information (selectors): to be written."""
