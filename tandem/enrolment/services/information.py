"""information (services): to be written."""
