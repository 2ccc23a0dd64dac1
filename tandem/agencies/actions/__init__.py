"""Other agencies: actions, one module a feature (shared rules in ``rules.py``)."""
