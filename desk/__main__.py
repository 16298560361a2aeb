"""Run desk with `python -m desk`."""

from __future__ import annotations

from desk.cli import main

main()
