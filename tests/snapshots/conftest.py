"""Snapshot fixtures: the UI fixtures, shared."""

from __future__ import annotations

from tests.ui.conftest import admin, app  # noqa: F401
