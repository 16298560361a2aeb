"""calling organisations table kept by triggers (org suggestions), and caller-lookup indexes

Revision ID: 0003_call_orgs
Revises: 0002_audit_guard
Create Date: 2026-11-29 21:50:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0003_call_orgs"
down_revision: str | Sequence[str] | None = "0002_audit_guard"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CALLER_INDEXES = {
    "ix_call_number_received": ["number_e164", "received_at"],
    "ix_call_number_status": ["number_e164", "status"],
    "ix_call_org_received": ["org", "received_at"],
    "ix_call_org_status": ["org", "status"],
}
"""Caller recognition: a caller's newest calls, and their open ones, without reading them all."""

SQLITE_TRIGGERS = (
    """
    CREATE TRIGGER call_org_after_insert AFTER INSERT ON call WHEN NEW.org <> '' BEGIN
        INSERT INTO call_org (org, initials, last_call_at, calls)
        VALUES (NEW.org, NEW.org_initials, NEW.received_at, 1)
        ON CONFLICT (org) DO UPDATE SET
            calls = calls + 1, last_call_at = max(last_call_at, excluded.last_call_at);
    END
    """,
    """
    CREATE TRIGGER call_org_after_update AFTER UPDATE OF org ON call
    WHEN NEW.org <> '' AND NEW.org <> OLD.org BEGIN
        INSERT INTO call_org (org, initials, last_call_at, calls)
        VALUES (NEW.org, NEW.org_initials, NEW.received_at, 1)
        ON CONFLICT (org) DO UPDATE SET
            calls = calls + 1, last_call_at = max(last_call_at, excluded.last_call_at);
    END
    """,
)
POSTGRES_TRIGGERS = (
    """
    CREATE FUNCTION call_org_touch() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.org <> '' THEN
            INSERT INTO call_org (org, initials, last_call_at, calls)
            VALUES (NEW.org, NEW.org_initials, NEW.received_at, 1)
            ON CONFLICT (org) DO UPDATE SET
                calls = call_org.calls + 1,
                last_call_at = GREATEST(call_org.last_call_at, EXCLUDED.last_call_at);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER call_org_after_insert AFTER INSERT ON call
    FOR EACH ROW EXECUTE FUNCTION call_org_touch()
    """,
    """
    CREATE TRIGGER call_org_after_update AFTER UPDATE OF org ON call
    FOR EACH ROW WHEN (NEW.org IS DISTINCT FROM OLD.org) EXECUTE FUNCTION call_org_touch()
    """,
)


def upgrade() -> None:
    """Add call_org, fill it from the calls there are, and keep it up to date with triggers."""
    op.create_table(
        "call_org",
        sa.Column("org", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("initials", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("last_call_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("org", name=op.f("pk_call_org")),
    )
    with op.batch_alter_table("call_org", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_org_initials"), ["initials"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_call_org_last_call_at"), ["last_call_at"], unique=False
        )
    for name, columns in CALLER_INDEXES.items():
        op.create_index(name, "call", columns, unique=False)
    op.execute(
        "INSERT INTO call_org (org, initials, last_call_at, calls) "
        "SELECT org, max(org_initials), max(received_at), count(*) FROM call "
        "WHERE org <> '' GROUP BY org"
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_TRIGGERS if sqlite else POSTGRES_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    """Drop the triggers and the table."""
    op.execute("DROP TRIGGER IF EXISTS call_org_after_insert" + ("" if _sqlite() else " ON call"))
    op.execute("DROP TRIGGER IF EXISTS call_org_after_update" + ("" if _sqlite() else " ON call"))
    if not _sqlite():
        op.execute("DROP FUNCTION IF EXISTS call_org_touch()")
    for name in CALLER_INDEXES:
        op.drop_index(name, table_name="call")
    with op.batch_alter_table("call_org", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_org_last_call_at"))
        batch_op.drop_index(batch_op.f("ix_call_org_initials"))
    op.drop_table("call_org")


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"
