"""services of nextsteps."""
