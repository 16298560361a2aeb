"""The schema revisions this code knows, read from the migration files without Alembic."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_REVISION_LINE = re.compile(
    r"^(down_revision|revision)\s*(?::[^=]+)?=\s*(?:\"([^\"]*)\"|None)", re.MULTILINE
)


@cache
def known_revisions() -> tuple[str, frozenset[str]]:
    """The head revision and every revision this code knows, read from the migration files.

    Alembic itself takes a noticeable part of a second to import; the app only needs it when
    a database must be upgraded, so the check at start reads the files' two lines directly
    (a test keeps this in step with Alembic's own view)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            if value:
                (revisions if name == "revision" else parents).add(value)
    heads = revisions - parents
    assert len(heads) == 1, heads
    return next(iter(heads)), frozenset(revisions)


def head_revision() -> str:
    """The newest schema revision this code knows."""
    return known_revisions()[0]
