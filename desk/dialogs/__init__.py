"""Modal screens that return a typed value."""
