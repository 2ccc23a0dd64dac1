"""contract (selectors): to be written."""
