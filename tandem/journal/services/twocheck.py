"""services of twocheck."""
