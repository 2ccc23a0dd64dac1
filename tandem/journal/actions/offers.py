"""actions of offers."""
