"""aboutme (views): to be written."""
