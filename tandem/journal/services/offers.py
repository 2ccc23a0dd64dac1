"""services of offers."""
