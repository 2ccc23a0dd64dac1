"""registration (selectors): to be written."""
