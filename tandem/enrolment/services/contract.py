"""contract (services): to be written."""
