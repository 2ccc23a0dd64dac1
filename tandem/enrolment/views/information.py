"""information (views): to be written."""
