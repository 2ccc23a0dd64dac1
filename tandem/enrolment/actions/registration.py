"""registration (actions): to be written."""
