"""registration (views): to be written."""
