"""forms of twocheck."""
