"""Indexes for the supervisors' dashboard at a million tickets: closings per day, and the open
tickets by state and opening (the backlog), each read from an index alone.

Revision ID: 0015_dashboard_indexes
Revises: 0014_reply_templates
Create Date: 2026-11-30 12:00:00.000000

Indexes only: desks at 0013 keep working with it. (Revision 0014 is another branch's; the
merge puts this one after it.)
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015_dashboard_indexes"
down_revision: str | None = "0014_reply_templates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_tickets_closed", "tickets", ["closed_at"])
    op.create_index("ix_tickets_state_opened", "tickets", ["state", "opened_at"])
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0015_dashboard_indexes', '0013_service_levels')"
    )


def downgrade() -> None:
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0015_dashboard_indexes'")
    op.drop_index("ix_tickets_state_opened", table_name="tickets")
    op.drop_index("ix_tickets_closed", table_name="tickets")
