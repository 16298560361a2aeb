"""Follow-up queue: an index for overdue and due tasks, oldest due first.

Revision ID: 0005_followup_queue
Revises: 0004_call_search
"""

from __future__ import annotations

from alembic import op

revision = "0005_followup_queue"
down_revision = "0004_call_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Index pending tasks by when they fell due."""
    op.create_index("ix_followup_task_status_due", "followup_task", ["status", "due_at"])


def downgrade() -> None:
    """Drop the index."""
    op.drop_index("ix_followup_task_status_due", table_name="followup_task")
