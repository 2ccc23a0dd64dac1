"""changes (views): to be written."""
