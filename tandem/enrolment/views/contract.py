"""contract (views): to be written."""
