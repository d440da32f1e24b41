"""Personal data (RODO): the anonymised persons' numbers and a narrow redaction path.

Revision ID: 0009_personal_data
Revises: 0008_call_journal
Create Date: 2026-11-30 08:10:00.000000

- `contacts.anonymised_number`: the n of "Osoba zanonimizowana n" / "Anonymised person n",
  handed out once per person by the counter `anonymised_person`, so a dialogue stays readable.
- `redaction_permits`: the audit log and the reseller-access history stay append-only, with
  one exception: an erasure of personal data may rewrite the words of an entry (the audit
  log's `summary` and `details`, an access change's `requested_by_name` and `note`) for which
  its own transaction wrote a permit row. Every other column must stay as it was, DELETE and
  TRUNCATE are refused as before. The erasure deletes its permits before it commits, so no
  permit outlives the transaction that used it (other transactions never see one).

A nullable column and a new table: desks at 0001–0007 keep working.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_personal_data"
down_revision: str | None = "0008_call_journal"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The columns an erasure may rewrite, per append-only table; everything else stays.
REDACTABLE = {
    "audit_log": ("summary", "details"),
    "reseller_access_changes": ("requested_by_name", "note"),
}
KEPT = {
    "audit_log": (
        "id",
        "recorded_at",
        "agent_id",
        "action",
        "ticket_id",
        "subject_type",
        "subject_id",
        "xact",
    ),
    "reseller_access_changes": (
        "id",
        "ticket_id",
        "previous",
        "granted",
        "agent_id",
        "requested_by_contact_id",
        "channel",
        "recorded_at",
    ),
}


def _sqlite_guard(table: str) -> list[str]:
    kept = " AND ".join(f"old.{column} IS new.{column}" for column in KEPT[table])
    permitted = (
        f"EXISTS (SELECT 1 FROM redaction_permits WHERE table_name = '{table}' AND row_id = old.id)"
    )
    return [
        f"DROP TRIGGER {table}_no_update",
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
        f"WHEN NOT ({permitted} AND {kept}) "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
    ]


def _sqlite_guard_before(table: str) -> list[str]:
    return [
        f"DROP TRIGGER {table}_no_update",
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
    ]


POSTGRESQL_REDACTION_ONLY = """
    CREATE FUNCTION hezo_redaction_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM redaction_permits
                   WHERE table_name = TG_TABLE_NAME AND row_id = OLD.id)
           AND (to_jsonb(OLD) - TG_ARGV) = (to_jsonb(NEW) - TG_ARGV) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
    END
    $$
"""


def _postgresql_guard(table: str) -> list[str]:
    arguments = ", ".join(f"'{column}'" for column in REDACTABLE[table])
    return [
        f"DROP TRIGGER {table}_append_only ON {table}",
        f"CREATE TRIGGER {table}_append_only BEFORE DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION hezo_refuse_change()",
        f"CREATE TRIGGER {table}_redaction_only BEFORE UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION hezo_redaction_only({arguments})",
    ]


def _postgresql_guard_before(table: str) -> list[str]:
    return [
        f"DROP TRIGGER {table}_redaction_only ON {table}",
        f"DROP TRIGGER {table}_append_only ON {table}",
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION hezo_refuse_change()",
    ]


def upgrade() -> None:
    # Plain ALTER: a batch rebuild of `contacts` is not needed for a nullable column.
    op.add_column("contacts", sa.Column("anonymised_number", sa.Integer(), nullable=True))
    op.create_index("ix_contacts_anonymised_number", "contacts", ["anonymised_number"], unique=True)
    op.create_table(
        "redaction_permits",
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_redaction_permits")),
    )
    op.execute("INSERT INTO counters (name, value) VALUES ('anonymised_person', 0)")
    if op.get_bind().dialect.name == "sqlite":
        for table in REDACTABLE:
            for statement in _sqlite_guard(table):
                op.execute(statement)
    else:
        op.execute(POSTGRESQL_REDACTION_ONLY)
        for table in REDACTABLE:
            for statement in _postgresql_guard(table):
                op.execute(statement)
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0009_personal_data', '0001')"
    )


def downgrade() -> None:
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0009_personal_data'")
    if op.get_bind().dialect.name == "sqlite":
        for table in REDACTABLE:
            for statement in _sqlite_guard_before(table):
                op.execute(statement)
    else:
        for table in REDACTABLE:
            for statement in _postgresql_guard_before(table):
                op.execute(statement)
        op.execute("DROP FUNCTION hezo_redaction_only()")
    op.execute("DELETE FROM counters WHERE name = 'anonymised_person'")
    op.drop_table("redaction_permits")
    op.drop_index("ix_contacts_anonymised_number", table_name="contacts")
    op.drop_column("contacts", "anonymised_number")
