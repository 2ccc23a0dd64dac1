"""information (actions): to be written."""
