"""privacy (services): to be written."""
