"""changes (services): to be written."""
