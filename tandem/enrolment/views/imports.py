"""imports (views): to be written."""
