"""Reusable widgets and the bridge that runs database work off the UI thread."""
