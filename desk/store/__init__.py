"""Data functions over a session: one concern each, no Textual."""
