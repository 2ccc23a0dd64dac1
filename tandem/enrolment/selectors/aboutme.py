"""aboutme (selectors): to be written."""
