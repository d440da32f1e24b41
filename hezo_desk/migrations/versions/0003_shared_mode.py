"""Shared mode: change notifications, presence, idempotent replies, client compatibility.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 12:00:00.000000

- `messages.client_key`: a key the client picks before saving a reply or note; a save retried
  after a lost connection finds the row it already wrote instead of writing a second one.
- `ticket_presence`: who has which ticket open (a heartbeat per agent and ticket).
- `schema_compatibility`: for each revision, the oldest application revision that still works
  with it. This revision only adds a nullable column and new tables, so desks at 0001 and 0002
  keep working while their agents update.
- PostgreSQL: every audit entry (every change of a ticket is audited in the same transaction)
  and every presence heartbeat notifies the channel `hezo_desk_changes` on commit, with the
  ticket id as payload; open windows listen and refresh.

Rules for later revisions, so that agents on the previous version keep working during an
upgrade: add, do not rename or drop, in the revision that first needs a change; insert the
revision's row into `schema_compatibility` naming the oldest revision that tolerates it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "hezo_desk_changes"

POSTGRESQL_NOTIFY = [
    f"""
    CREATE FUNCTION hezo_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('{CHANNEL}', coalesce(NEW.ticket_id::text, ''));
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION hezo_notify_change()",
    "CREATE TRIGGER ticket_presence_notify AFTER INSERT OR UPDATE ON ticket_presence "
    "FOR EACH ROW EXECUTE FUNCTION hezo_notify_change()",
]


def upgrade() -> None:
    # Plain ALTER and CREATE INDEX: a batch rebuild of `messages` on SQLite would drop the
    # full-text triggers of revision 0001.
    op.add_column("messages", sa.Column("client_key", sa.String(length=64), nullable=True))
    op.create_index("ix_messages_client_key", "messages", ["client_key"], unique=True)

    op.create_table(
        "ticket_presence",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_ticket_presence_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_presence_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("ticket_id", "agent_id", name=op.f("pk_ticket_presence")),
    )
    with op.batch_alter_table("ticket_presence", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_presence_seen", ["seen_at"], unique=False)

    compatibility = op.create_table(
        "schema_compatibility",
        sa.Column("revision", sa.String(length=32), nullable=False),
        sa.Column("oldest_client_revision", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("revision", name=op.f("pk_schema_compatibility")),
    )
    op.bulk_insert(
        compatibility,
        [
            {"revision": "0001", "oldest_client_revision": "0001"},
            {"revision": "0002", "oldest_client_revision": "0001"},
            {"revision": "0003", "oldest_client_revision": "0001"},
        ],
    )
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL_NOTIFY:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS hezo_notify_change() CASCADE")
    op.drop_table("schema_compatibility")
    with op.batch_alter_table("ticket_presence", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_presence_seen")
    op.drop_table("ticket_presence")
    op.drop_index("ix_messages_client_key", table_name="messages")
    op.drop_column("messages", "client_key")
