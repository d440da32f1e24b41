"""Indexes for the lists at a million tickets: my tickets, a priority, the review queue, sorts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 14:30:00.000000

Indexes only: desks at 0001–0003 keep working with it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AWAITING_REVIEW = "migrated_at IS NOT NULL AND reviewed_at IS NULL"


def upgrade() -> None:
    op.create_index("ix_tickets_assignee_updated", "tickets", ["assignee_id", "updated_at", "id"])
    op.create_index("ix_tickets_priority_updated", "tickets", ["priority", "updated_at", "id"])
    op.create_index(
        "ix_tickets_awaiting_review",
        "tickets",
        ["updated_at", "id"],
        sqlite_where=sa.text(AWAITING_REVIEW),
        postgresql_where=sa.text(AWAITING_REVIEW),
    )
    op.create_index("ix_tickets_subject", "tickets", ["subject", "id"])
    op.create_index("ix_tickets_opened", "tickets", ["opened_at", "id"])
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0004', '0001')"
    )


def downgrade() -> None:
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0004'")
    for name in (
        "ix_tickets_opened",
        "ix_tickets_subject",
        "ix_tickets_awaiting_review",
        "ix_tickets_priority_updated",
        "ix_tickets_assignee_updated",
    ):
        op.drop_index(name, table_name="tickets")
