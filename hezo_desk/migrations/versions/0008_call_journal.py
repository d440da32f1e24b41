"""Phones in E.164, and the call journal.

Revision ID: 0008_call_journal
Revises: 0007
Create Date: 2026-11-30 08:30:00.000000

Customers' and contacts' phones get their E.164 form (`phone_e164`, indexed), filled here for
the rows there are: lookups and the call journal match on it, whatever form a number was typed
or sent in. The nine-digit `phone_key` stays and is still written, so desks at 0001–0007 keep
finding callers by phone; rows such a desk writes meanwhile have no E.164 form, and today's
lookup falls back to `phone_key` for them.

`calls` is the journal (one row per call, tied together by the phone system's call id) and
`call_tickets` the tickets opened or answered during a call. Older desks never name them.

Plain ALTERs on SQLite: a batch rebuild of `customers` would drop the sort triggers of 0006.
"""

from collections.abc import Sequence

import phonenumbers
import sqlalchemy as sa
from alembic import op

revision: str = "0008_call_journal"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MISSED_SQL = "direction = 'in' AND answered_at IS NULL AND ended_at IS NOT NULL"
BATCH = 1_000


def _e164(phone: str) -> str | None:
    """The reading of services/phones.py as of this revision (a revision never imports it)."""
    number = phone.strip()
    if number[:4].lower() == "tel:":
        number = number[4:]
    number = number.split(";", 1)[0].strip()
    if not number or len(number) > 100 or any(char.isalpha() for char in number):
        return None
    try:
        parsed = phonenumbers.parse(number, "PL")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _fill(table: str) -> None:
    connection = op.get_bind()
    rows = sa.table(
        table, sa.column("id", sa.Integer), sa.column("phone", sa.String), sa.column("phone_e164")
    )
    last_id = 0
    while True:
        page = connection.execute(
            sa.select(rows.c.id, rows.c.phone)
            .where(rows.c.id > last_id, rows.c.phone.is_not(None))
            .order_by(rows.c.id)
            .limit(BATCH)
        ).all()
        if not page:
            return
        values = [
            {"row_id": row_id, "e164": e164}
            for row_id, phone in page
            if (e164 := _e164(phone)) is not None
        ]
        if values:
            connection.execute(
                rows.update()
                .where(rows.c.id == sa.bindparam("row_id"))
                .values(phone_e164=sa.bindparam("e164")),
                values,
            )
        last_id = page[-1][0]


def upgrade() -> None:
    for table in ("customers", "contacts"):
        op.add_column(table, sa.Column("phone_e164", sa.String(length=16), nullable=True))
        op.create_index(f"ix_{table}_phone_e164", table, ["phone_e164"], unique=False)
        _fill(table)

    op.create_table(
        "calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "direction",
            sa.Enum(
                "in",
                "out",
                name="call_direction",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("number_e164", sa.String(length=16), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("call_id", sa.String(length=128), nullable=True),
        sa.Column("rang_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("duration_s", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=300), nullable=True),
        sa.Column("callback_agent_id", sa.Integer(), nullable=True),
        sa.Column("callback_claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("callback_done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("callback_by_call_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name=op.f("fk_calls_agent_id_agents")),
        sa.ForeignKeyConstraint(
            ["callback_agent_id"], ["agents.id"], name=op.f("fk_calls_callback_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["callback_by_call_id"],
            ["calls.id"],
            name=op.f("fk_calls_callback_by_call_id_calls"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_calls_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_calls_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calls")),
    )
    op.create_index("ix_calls_call_id", "calls", ["call_id"], unique=True)
    op.create_index("ix_calls_started", "calls", ["started_at", "id"], unique=False)
    op.create_index("ix_calls_agent_started", "calls", ["agent_id", "started_at"], unique=False)
    op.create_index("ix_calls_number_started", "calls", ["number_e164", "started_at"], unique=False)
    op.create_index(
        "ix_calls_customer_started", "calls", ["customer_id", "started_at"], unique=False
    )
    op.create_index(
        "ix_calls_missed",
        "calls",
        ["started_at", "id"],
        unique=False,
        sqlite_where=sa.text(MISSED_SQL),
        postgresql_where=sa.text(MISSED_SQL),
    )
    op.create_table(
        "call_tickets",
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_call_tickets_call_id_calls")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_call_tickets_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("call_id", "ticket_id", name=op.f("pk_call_tickets")),
    )
    op.create_index("ix_call_tickets_ticket", "call_tickets", ["ticket_id"], unique=False)
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0008_call_journal', '0001')"
    )


def downgrade() -> None:
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0008_call_journal'")
    op.drop_index("ix_call_tickets_ticket", table_name="call_tickets")
    op.drop_table("call_tickets")
    for index in (
        "ix_calls_missed",
        "ix_calls_customer_started",
        "ix_calls_number_started",
        "ix_calls_agent_started",
        "ix_calls_started",
        "ix_calls_call_id",
    ):
        op.drop_index(index, table_name="calls")
    op.drop_table("calls")
    for table in ("contacts", "customers"):
        op.drop_index(f"ix_{table}_phone_e164", table_name=table)
        # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild would drop the 0006 triggers.
        op.drop_column(table, "phone_e164")
