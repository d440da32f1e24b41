"""The writing transaction of every audit entry, so that the change feed misses no commit.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 06:00:00.000000

Serial ids are handed out at insert, not at commit: a transaction holding a lower id can
commit after one holding a higher id that another desk has already read, and a feed that asks
for "ids above the last one seen" never sees it. On PostgreSQL every audit entry now records
its transaction (`audit_log.xact`, from `pg_current_xact_id()`), and the feed asks for the
entries whose transaction its last snapshot did not see (services/change_feed.py). The column
is added without a default first (existing entries keep NULL; no rewrite of the log), then
given the default for new entries. SQLite lets one writer in at a time, so its ids are in
commit order; the column stays NULL there.

Presence heartbeats now notify with `presence:<ticket id>` rather than the bare ticket id, so
that a desk tells a change of a ticket from someone looking at it. Desks at 0001–0006 read a
payload that is not a number as "something changed" and read their feed: they keep working.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "hezo_desk_changes"
# xid8 has no cast to bigint; its text form is the number (epoch and xid, 64 bits).
CURRENT_XACT = "(pg_current_xact_id()::text)::bigint"

POSTGRESQL_PRESENCE = [
    f"""
    CREATE FUNCTION hezo_notify_presence() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('{CHANNEL}', 'presence:' || NEW.ticket_id::text);
        RETURN NULL;
    END
    $$
    """,
    "DROP TRIGGER ticket_presence_notify ON ticket_presence",
    "CREATE TRIGGER ticket_presence_notify AFTER INSERT OR UPDATE ON ticket_presence "
    "FOR EACH ROW EXECUTE FUNCTION hezo_notify_presence()",
]
POSTGRESQL_PRESENCE_BEFORE = [
    "DROP TRIGGER ticket_presence_notify ON ticket_presence",
    "CREATE TRIGGER ticket_presence_notify AFTER INSERT OR UPDATE ON ticket_presence "
    "FOR EACH ROW EXECUTE FUNCTION hezo_notify_change()",
    "DROP FUNCTION hezo_notify_presence()",
]


def upgrade() -> None:
    # Plain ALTER: a batch rebuild of `audit_log` on SQLite would drop its append-only triggers.
    op.add_column("audit_log", sa.Column("xact", sa.BigInteger(), nullable=True))
    op.create_index("ix_audit_log_xact", "audit_log", ["xact"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE audit_log ALTER COLUMN xact SET DEFAULT {CURRENT_XACT}")
        for statement in POSTGRESQL_PRESENCE:
            op.execute(statement)
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0007', '0001')"
    )


def downgrade() -> None:
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0007'")
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL_PRESENCE_BEFORE:
            op.execute(statement)
    op.drop_index("ix_audit_log_xact", table_name="audit_log")
    op.drop_column("audit_log", "xact")
