"""Indexes on the sort ranks of a ticket's state and priority (their workflow and urgency order).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 15:30:00.000000

Expression indexes on exactly the CASE the ticket list sorts by (`listing.definition.rank_key`,
constants written out, not parameters, so that both databases match the index). Indexes only:
desks at 0001–0004 keep working with it.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here as they were when written; the models hold the current ones.
STATE_RANK = (
    "CASE state WHEN 'new' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'waiting_for_customer' THEN 2 "
    "WHEN 'closed' THEN 3 WHEN 'cancelled' THEN 4 ELSE 5 END"
)
PRIORITY_RANK = (
    "CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 "
    "WHEN 'critical' THEN 3 ELSE 4 END"
)


def upgrade() -> None:
    op.execute(f"CREATE INDEX ix_tickets_state_rank ON tickets (({STATE_RANK}), id)")
    op.execute(f"CREATE INDEX ix_tickets_priority_rank ON tickets (({PRIORITY_RANK}), id)")
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0005', '0001')"
    )


def downgrade() -> None:
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0005'")
    op.drop_index("ix_tickets_priority_rank", table_name="tickets")
    op.drop_index("ix_tickets_state_rank", table_name="tickets")
