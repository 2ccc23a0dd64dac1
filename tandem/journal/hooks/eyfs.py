"""Menu entries, child panels and links of eyfs."""
