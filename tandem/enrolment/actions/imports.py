"""imports (actions): to be written."""
