"""The book has no form: asking for it is one button (a POST with its CSRF token)."""
