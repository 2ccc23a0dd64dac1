"""privacy (selectors): to be written."""
