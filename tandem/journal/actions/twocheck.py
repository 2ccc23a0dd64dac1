"""actions of twocheck."""
