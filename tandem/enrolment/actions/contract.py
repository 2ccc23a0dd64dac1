"""contract (actions): to be written."""
