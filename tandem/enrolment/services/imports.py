"""imports (services): to be written."""
