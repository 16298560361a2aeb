"""One module per screen, its .tcss beside it."""
