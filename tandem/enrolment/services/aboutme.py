"""aboutme (services): to be written."""
