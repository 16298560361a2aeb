"""Errors the store raises; each carries a message ready for the user."""

from __future__ import annotations


class StoreError(Exception):
    """Something the user asked for cannot be done; str(error) says why, translated."""


class ValidationError(StoreError):
    """A value is wrong; `field` names the form field it belongs to."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(StoreError):
    """The record asked for does not exist."""


class PermissionDenied(StoreError):
    """The signed-in staff member's role may not do this."""


class Conflict(StoreError):
    """The change clashes with the record's state or another desk's work."""
