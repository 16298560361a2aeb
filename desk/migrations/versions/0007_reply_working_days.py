"""Call: a reply may be promised within N working days, as well as within N hours.

Revision ID: 0007_reply_working_days
Revises: 0006_call_prefix_indexes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_reply_working_days"
down_revision = "0006_call_prefix_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the working-days promise (empty for every call logged so far)."""
    with op.batch_alter_table("call") as batch:
        batch.add_column(sa.Column("reply_within_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Drop it."""
    with op.batch_alter_table("call") as batch:
        batch.drop_column("reply_within_days")
