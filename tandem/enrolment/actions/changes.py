"""changes (actions): to be written."""
