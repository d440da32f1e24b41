"""Notifications name nothing; presence notifies nobody; PUBLIC loses temporary tables.

Revision ID: 0012
Revises: 0011_bounded_search_text
Create Date: 2026-11-30 08:30:00.000000

Every role of the server may LISTEN to any channel, and PostgreSQL cannot forbid it: a reseller
role listening on `hezo_desk_changes` received the id of every changed ticket, its own or not,
and of every ticket someone looked at. Notifications now carry an empty payload: one only tells
a desk that something committed, and the desk reads what changed through its own authorised
query (the change feed). A forged notification costs a desk one read of its feed, nothing more.
Presence heartbeats no longer notify at all (desks read presence when they beat their own).
Identical notifications of one transaction are delivered once, so a busy transaction wakes
each desk once.

A desk of an earlier revision reads an empty payload as "something changed" and reads its feed;
desks from 0010 on (which chain audit entries and name a consent's reseller) keep working.

Temporary tables: PUBLIC may create them in a new database by default. The right is withdrawn
from PUBLIC and kept for the role that runs the upgrade (the desk's); reseller roles get none
(services/reseller_roles.py re-asserts this at every grant, since a database's rights do not
travel with a template or a plain dump).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011_bounded_search_text"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "hezo_desk_changes"

POSTGRESQL_QUIET = [
    f"""
    CREATE OR REPLACE FUNCTION hezo_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('{CHANNEL}', '');
        RETURN NULL;
    END
    $$
    """,
    "DROP TRIGGER ticket_presence_notify ON ticket_presence",
    "DROP FUNCTION hezo_notify_presence()",
]
POSTGRESQL_TELLING = [
    f"""
    CREATE OR REPLACE FUNCTION hezo_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('{CHANNEL}', coalesce(NEW.ticket_id::text, ''));
        RETURN NULL;
    END
    $$
    """,
    f"""
    CREATE FUNCTION hezo_notify_presence() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('{CHANNEL}', 'presence:' || NEW.ticket_id::text);
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER ticket_presence_notify AFTER INSERT OR UPDATE ON ticket_presence "
    "FOR EACH ROW EXECUTE FUNCTION hezo_notify_presence()",
]


def _temporary_tables_statements() -> list[str]:
    database = op.get_bind().exec_driver_sql("SELECT quote_ident(current_database())").scalar()
    return [
        f"REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC",
        f"GRANT TEMPORARY ON DATABASE {database} TO CURRENT_USER",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in [*POSTGRESQL_QUIET, *_temporary_tables_statements()]:
            op.execute(statement)
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0012', '0010_consent_reseller')"
    )


def downgrade() -> None:
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0012'")
    if op.get_bind().dialect.name == "postgresql":
        database = op.get_bind().exec_driver_sql("SELECT quote_ident(current_database())").scalar()
        for statement in [*POSTGRESQL_TELLING, f"GRANT TEMPORARY ON DATABASE {database} TO PUBLIC"]:
            op.execute(statement)
