"""Initial schema: every table, full-text search, append-only guards.

One cohesive revision, hence its length: a revision is applied as a whole and never edited
once released, so its tables, search triggers and guards stay together in one file.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-24 11:22:34.333924
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Polish letters fold for search: FTS5's remove_diacritics handles ą ę ś ź ż ć ń ó but not
# ł/Ł, which have no Unicode decomposition, so the triggers replace those themselves.
_SQLITE_FOLD = "replace(replace({value}, 'ł', 'l'), 'Ł', 'L')"


def _sqlite_fts(table: str, fts: str, columns: tuple[str, ...]) -> list[str]:
    column_list = ", ".join(columns)
    new_values = ", ".join(_SQLITE_FOLD.format(value=f"coalesce(new.{c}, '')") for c in columns)
    old_values = ", ".join(_SQLITE_FOLD.format(value=f"coalesce(old.{c}, '')") for c in columns)
    delete_old = (
        f"INSERT INTO {fts} ({fts}, rowid, {column_list}) VALUES ('delete', old.id, {old_values});"
    )
    insert_new = f"INSERT INTO {fts} (rowid, {column_list}) VALUES (new.id, {new_values});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({column_list}, content='', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN {insert_new} END",
        f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN {delete_old} END",
        f"CREATE TRIGGER {table}_fts_update AFTER UPDATE OF {column_list} ON {table} "
        f"BEGIN {delete_old} {insert_new} END",
    ]


SQLITE_SEARCH = _sqlite_fts("messages", "message_fts", ("body",)) + _sqlite_fts(
    "tickets", "ticket_fts", ("subject", "number", "legacy_number")
)


def sqlite_append_only(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        for verb in ("UPDATE", "DELETE")
    ]


# PostgreSQL 15 has no Polish text-search configuration: `simple` with `unaccent`
# (which folds Ł to L too). Bodies are cut at 500,000 characters for the index only,
# far below tsvector's 1 MB limit.
POSTGRESQL_SEARCH = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION hezo_search (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION hezo_search "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    "ALTER TABLE messages ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('hezo_search'::regconfig, left(body, 500000))) STORED",
    "CREATE INDEX ix_messages_search ON messages USING gin (search_vector)",
    "ALTER TABLE tickets ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('hezo_search'::regconfig, subject || ' ' || number || ' ' || "
    "coalesce(legacy_number, ''))) STORED",
    "CREATE INDEX ix_tickets_search ON tickets USING gin (search_vector)",
]

POSTGRESQL_APPEND_ONLY = [
    """
    CREATE FUNCTION hezo_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    *[
        statement
        for table in ("audit_log", "reseller_access_changes")
        for statement in (
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION hezo_refuse_change()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION hezo_refuse_change()",
        )
    ],
]


def upgrade() -> None:

    op.create_table(
        "agents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "agent",
                "back_office",
                "supervisor",
                "administrator",
                name="agent_role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
        sa.UniqueConstraint("login", name=op.f("uq_agents_login")),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tax_id", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_folded", sa.String(length=300), nullable=False),
        sa.Column("street", sa.String(length=300), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("phone_key", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("email_normalized", sa.String(length=320), nullable=True),
        sa.Column(
            "language",
            sa.Enum(
                "pl",
                "en",
                name="customer_language",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("legacy_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_customers_legacy_id")),
        sa.UniqueConstraint("tax_id", name=op.f("uq_customers_tax_id")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index("ix_customers_email_normalized", ["email_normalized"], unique=False)
        batch_op.create_index(
            "ix_customers_name_folded",
            ["name_folded"],
            unique=False,
            postgresql_ops={"name_folded": "text_pattern_ops"},
        )
        batch_op.create_index("ix_customers_phone_key", ["phone_key"], unique=False)

    op.create_table(
        "resellers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tax_id", sa.String(length=20), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("legacy_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resellers")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_resellers_legacy_id")),
        sa.UniqueConstraint("tax_id", name=op.f("uq_resellers_tax_id")),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("email_normalized", sa.String(length=320), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("phone_key", sa.String(length=20), nullable=True),
        sa.Column(
            "language",
            sa.Enum(
                "pl",
                "en",
                name="contact_language",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("registered_by_agent_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_contacts_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["registered_by_agent_id"],
            ["agents.id"],
            name=op.f("fk_contacts_registered_by_agent_id_agents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
        sa.UniqueConstraint("email_normalized", name=op.f("uq_contacts_email_normalized")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index("ix_contacts_phone_key", ["phone_key"], unique=False)

    op.create_table(
        "migration_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_migration_runs_agent_id_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_migration_runs")),
    )
    op.create_table(
        "service_contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("number_key", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("reseller_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "active",
                "expired",
                "cancelled",
                name="contract_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_service_contracts_customer_id_customers"),
        ),
        sa.ForeignKeyConstraint(
            ["reseller_id"],
            ["resellers.id"],
            name=op.f("fk_service_contracts_reseller_id_resellers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_contracts")),
        sa.UniqueConstraint("number_key", name=op.f("uq_service_contracts_number_key")),
    )
    with op.batch_alter_table("service_contracts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_service_contracts_customer_state", ["customer_id", "state"], unique=False
        )
        batch_op.create_index("ix_service_contracts_end_date", ["end_date"], unique=False)
        batch_op.create_index(
            "ix_service_contracts_reseller_state", ["reseller_id", "state"], unique=False
        )

    op.create_table(
        "services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=64), nullable=False),
        sa.Column("notation_index", sa.Integer(), nullable=False),
        sa.Column("product", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("legacy_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "notation_index >= 0", name=op.f("ck_services_notation_index_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["service_contracts.id"],
            name=op.f("fk_services_contract_id_service_contracts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_services_legacy_id")),
        sa.UniqueConstraint("serial", "notation_index", name="uq_services_notation"),
    )
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.create_index("ix_services_contract_id", ["contract_id"], unique=False)

    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "new",
                "in_progress",
                "waiting_for_customer",
                "closed",
                "cancelled",
                name="ticket_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "priority",
            sa.Enum(
                "low",
                "normal",
                "high",
                "critical",
                name="ticket_priority",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "channel",
            sa.Enum(
                "phone",
                "portal",
                "web_form",
                "email",
                "migration",
                name="ticket_channel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("reseller_access", sa.Boolean(), nullable=False),
        sa.Column("legacy_number", sa.String(length=64), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_agent_id", sa.Integer(), nullable=True),
        sa.Column("migrated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("migration_run_id", sa.Integer(), nullable=True),
        sa.Column("review_flags", sa.Text(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by_agent_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["agents.id"], name=op.f("fk_tickets_assignee_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_tickets_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["service_contracts.id"],
            name=op.f("fk_tickets_contract_id_service_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_agent_id"],
            ["agents.id"],
            name=op.f("fk_tickets_created_by_agent_id_agents"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_tickets_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["migration_run_id"],
            ["migration_runs.id"],
            name=op.f("fk_tickets_migration_run_id_migration_runs"),
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_agent_id"],
            ["agents.id"],
            name=op.f("fk_tickets_reviewed_by_agent_id_agents"),
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_tickets_service_id_services")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint("legacy_number", name=op.f("uq_tickets_legacy_number")),
        sa.UniqueConstraint("number", name=op.f("uq_tickets_number")),
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index("ix_tickets_assignee_state", ["assignee_id", "state"], unique=False)
        batch_op.create_index("ix_tickets_contract_id", ["contract_id"], unique=False)
        batch_op.create_index("ix_tickets_customer_state", ["customer_id", "state"], unique=False)
        batch_op.create_index("ix_tickets_review", ["reviewed_at", "migrated_at"], unique=False)
        batch_op.create_index("ix_tickets_service_id", ["service_id"], unique=False)
        batch_op.create_index(
            "ix_tickets_state_updated", ["state", "updated_at", "id"], unique=False
        )
        batch_op.create_index("ix_tickets_updated", ["updated_at", "id"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("subject_type", sa.String(length=32), nullable=True),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_audit_log_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_audit_log_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_log_action_recorded", ["action", "recorded_at"], unique=False
        )
        batch_op.create_index(
            "ix_audit_log_agent_recorded", ["agent_id", "recorded_at"], unique=False
        )
        batch_op.create_index("ix_audit_log_recorded", ["recorded_at", "id"], unique=False)
        batch_op.create_index("ix_audit_log_ticket", ["ticket_id", "id"], unique=False)

    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "customer",
                "agent",
                "internal_note",
                name="message_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("author_agent_id", sa.Integer(), nullable=True),
        sa.Column("author_contact_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("legacy_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_agent_id"], ["agents.id"], name=op.f("fk_messages_author_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["author_contact_id"],
            ["contacts.id"],
            name=op.f("fk_messages_author_contact_id_contacts"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_messages_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_messages_legacy_id")),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index(
            "ix_messages_ticket_created", ["ticket_id", "created_at", "id"], unique=False
        )

    op.create_table(
        "reseller_access_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("previous", sa.Boolean(), nullable=True),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("requested_by_contact_id", sa.Integer(), nullable=True),
        sa.Column("requested_by_name", sa.String(length=200), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "phone",
                "portal",
                "web_form",
                "email",
                "migration",
                name="access_channel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_reseller_access_changes_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_contact_id"],
            ["contacts.id"],
            name=op.f("fk_reseller_access_changes_requested_by_contact_id_contacts"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_reseller_access_changes_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reseller_access_changes")),
    )
    with op.batch_alter_table("reseller_access_changes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reseller_access_changes_ticket", ["ticket_id", "id"], unique=False
        )

    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=127), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_agent_id", sa.Integer(), nullable=True),
        sa.Column("legacy_id", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "size >= 0 AND size <= 26214400", name=op.f("ck_attachments_size_within_limit")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_agent_id"],
            ["agents.id"],
            name=op.f("fk_attachments_created_by_agent_id_agents"),
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["messages.id"], name=op.f("fk_attachments_message_id_messages")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_attachments_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
        sa.UniqueConstraint("legacy_id", name=op.f("uq_attachments_legacy_id")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index("ix_attachments_ticket_id", ["ticket_id"], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in (
            SQLITE_SEARCH
            + sqlite_append_only("audit_log")
            + sqlite_append_only("reseller_access_changes")
        ):
            op.execute(statement)
    else:
        for statement in POSTGRESQL_SEARCH + POSTGRESQL_APPEND_ONLY:
            op.execute(statement)
    op.execute("INSERT INTO counters (name, value) VALUES ('ticket', 0)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("message_fts", "ticket_fts"):
            op.execute(f"DROP TABLE IF EXISTS {name}")
    else:
        op.execute("DROP FUNCTION IF EXISTS hezo_refuse_change() CASCADE")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS hezo_search CASCADE")

    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index("ix_attachments_ticket_id")

    op.drop_table("attachments")
    with op.batch_alter_table("reseller_access_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_reseller_access_changes_ticket")

    op.drop_table("reseller_access_changes")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index("ix_messages_ticket_created")

    op.drop_table("messages")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_ticket")
        batch_op.drop_index("ix_audit_log_recorded")
        batch_op.drop_index("ix_audit_log_agent_recorded")
        batch_op.drop_index("ix_audit_log_action_recorded")

    op.drop_table("audit_log")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_updated")
        batch_op.drop_index("ix_tickets_state_updated")
        batch_op.drop_index("ix_tickets_service_id")
        batch_op.drop_index("ix_tickets_review")
        batch_op.drop_index("ix_tickets_customer_state")
        batch_op.drop_index("ix_tickets_contract_id")
        batch_op.drop_index("ix_tickets_assignee_state")

    op.drop_table("tickets")
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_index("ix_services_contract_id")

    op.drop_table("services")
    with op.batch_alter_table("service_contracts", schema=None) as batch_op:
        batch_op.drop_index("ix_service_contracts_reseller_state")
        batch_op.drop_index("ix_service_contracts_end_date")
        batch_op.drop_index("ix_service_contracts_customer_state")

    op.drop_table("service_contracts")
    op.drop_table("migration_runs")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_contacts_phone_key")
        batch_op.drop_index(batch_op.f("ix_contacts_customer_id"))

    op.drop_table("contacts")
    op.drop_table("resellers")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index("ix_customers_phone_key")
        batch_op.drop_index(
            "ix_customers_name_folded", postgresql_ops={"name_folded": "text_pattern_ops"}
        )
        batch_op.drop_index("ix_customers_email_normalized")

    op.drop_table("customers")
    op.drop_table("counters")
    op.drop_table("agents")
