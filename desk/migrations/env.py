"""Alembic environment: runs on the connection desk hands in, batch mode for SQLite."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import desk.models  # noqa: F401  (registers every table)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave full-text search tables (made by hand in migrations) out of autogenerate."""
    return not (type_ == "table" and name is not None and "_fts" in name)


def run_migrations() -> None:
    """Run migrations on the connection desk passed in config.attributes."""
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
