"""imports (selectors): to be written."""
