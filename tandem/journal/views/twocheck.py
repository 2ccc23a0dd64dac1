"""views of twocheck."""
