"""privacy (views): to be written."""
