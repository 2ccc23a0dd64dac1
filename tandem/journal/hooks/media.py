"""Photos and videos have no menu entries of their own: they are reached through observations."""
