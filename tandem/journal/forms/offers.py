"""forms of offers."""
