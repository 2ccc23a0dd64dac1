"""aboutme (actions): to be written."""
