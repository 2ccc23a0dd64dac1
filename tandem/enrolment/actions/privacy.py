"""privacy (actions): to be written."""
