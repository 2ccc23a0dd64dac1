"""changes (selectors): to be written."""
