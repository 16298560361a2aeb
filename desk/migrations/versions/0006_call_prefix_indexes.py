"""Call: drop the two single-column indexes that composite indexes already cover.

ix_call_org is the prefix of ix_call_org_received and ix_call_org_status, and
ix_call_number_e164 of ix_call_number_received and ix_call_number_status: SQLite and
PostgreSQL use the composite index for any lookup by the first column. Each saved call
updated them for nothing, and a million-call load built them for nothing.

Revision ID: 0006_call_prefix_indexes
Revises: 0005_followup_queue
"""

from __future__ import annotations

from alembic import op

revision = "0006_call_prefix_indexes"
down_revision = "0005_followup_queue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Drop the covered indexes."""
    op.drop_index("ix_call_org", table_name="call")
    op.drop_index("ix_call_number_e164", table_name="call")


def downgrade() -> None:
    """Create them again."""
    op.create_index("ix_call_number_e164", "call", ["number_e164"])
    op.create_index("ix_call_org", "call", ["org"])
