"""views of offers."""
