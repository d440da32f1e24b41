"""Consent names its reseller; the reseller views' timestamp; the audit log's hash chain.

Revision ID: 0010_consent_reseller
Revises: 0009_personal_data
Create Date: 2026-11-30 08:30:00.000000

- A yes is given to one reseller. `tickets.access_reseller_id` holds the reseller the current
  yes is for, each `reseller_access_changes` row the reseller its decision was about, and a
  decision the desk took itself (the ticket moved to another reseller's contract) says why
  (`reason`) and where the ticket went (`new_reseller_id`). Existing decisions are given the
  reseller of the ticket's contract as it is now; a yes on a ticket with no contract (given to
  nobody, never counted) becomes a no.
- The `reseller_portal` views show a ticket only while the yes was given to the reseller its
  contract names now: a `contract_id` or `reseller_id` changed by any path, even plain SQL,
  cannot hand a yes to another reseller. Their `updated_at` moves only with what the reseller
  may see (a customer-visible message or attachment, a change of state), never with an
  internal note.
- Audit entries carry a hash chain (`chain_previous`, `chain_hash`, see
  `hezo_desk.models.audit.chain_hash`); the entries already there are chained here, in id order.

Desks before this revision would grant a yes without its reseller (the views would then hide
the ticket) and write audit entries outside the chain: they are not declared compatible.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from hezo_desk.models import AuditEntry
from hezo_desk.models.audit import chain_hash

revision: str = "0010_consent_reseller"
down_revision: str | None = "0009_personal_data"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "reseller_portal"
CHAIN_CHUNK = 1000

# (table, column, referred table): the new references to resellers.
RESELLER_COLUMNS = (
    ("tickets", "access_reseller_id"),
    ("reseller_access_changes", "reseller_id"),
    ("reseller_access_changes", "new_reseller_id"),
)


def _visible_ticket(consent_bound: bool) -> str:
    """The rule of `hezo_desk.services.reseller_rule` in SQL, before and after this revision."""
    bound = "AND t.access_reseller_id = c.reseller_id" if consent_bound else ""
    return f"""
    t.reseller_access {bound}
    AND c.reseller_id = (
        SELECT r.reseller_id FROM public.reseller_db_roles r WHERE r.role_name = current_user
    )
    """


# What the reseller may know changed: a customer-visible message or attachment, or the state.
# GREATEST skips NULLs. An internal note, an assignment or a priority never moves it.
_VISIBLE_UPDATED_AT = """
    GREATEST(
        t.opened_at,
        (SELECT max(m.created_at) FROM public.messages m
         WHERE m.ticket_id = t.id AND m.kind IN ('customer', 'agent')),
        (SELECT max(f.created_at) FROM public.attachments f
         WHERE f.ticket_id = t.id AND f.kind <> 'legacy_dialogue'
           AND NOT EXISTS (SELECT 1 FROM public.messages n
                           WHERE n.id = f.message_id AND n.kind = 'internal_note')),
        (SELECT max(a.recorded_at) FROM public.audit_log a
         WHERE a.ticket_id = t.id AND a.action = 'ticket.state_changed')
    )
"""


def _views(consent_bound: bool) -> list[str]:
    visible = _visible_ticket(consent_bound)
    updated_at = _VISIBLE_UPDATED_AT if consent_bound else "t.updated_at"
    return [
        f"""
        CREATE OR REPLACE VIEW {SCHEMA}.tickets WITH (security_barrier) AS
        SELECT t.id, t.number, t.subject, t.state, cu.name AS customer_name,
               t.opened_at, {updated_at} AS updated_at
        FROM public.tickets t
        JOIN public.service_contracts c ON c.id = t.contract_id
        JOIN public.customers cu ON cu.id = t.customer_id
        WHERE {visible}
        """,
        f"""
        CREATE OR REPLACE VIEW {SCHEMA}.messages WITH (security_barrier) AS
        SELECT m.id, m.ticket_id, m.kind, m.author_name, m.body, m.created_at
        FROM public.messages m
        JOIN public.tickets t ON t.id = m.ticket_id
        JOIN public.service_contracts c ON c.id = t.contract_id
        WHERE m.kind IN ('customer', 'agent') AND {visible}
        """,
        f"""
        CREATE OR REPLACE VIEW {SCHEMA}.attachments WITH (security_barrier) AS
        SELECT a.id, a.ticket_id, a.file_name, a.content_type, a.size, a.sha256, a.data,
               a.created_at
        FROM public.attachments a
        JOIN public.tickets t ON t.id = a.ticket_id
        JOIN public.service_contracts c ON c.id = t.contract_id
        WHERE a.kind <> 'legacy_dialogue'
          AND NOT EXISTS (
              SELECT 1 FROM public.messages n
              WHERE n.id = a.message_id AND n.kind = 'internal_note'
          )
          AND {visible}
        """,
    ]


# The database's own side of the rule, for a path that moves a ticket and forgets it (plain
# SQL): the yes falls back to no and the access history says why, as `services.consent` does
# (no agent: the database decided). The desk's own moves end the yes in the same UPDATE, so
# these find nothing left to do there.
_HISTORY_COLUMNS = (
    "ticket_id, previous, granted, agent_id, requested_by_contact_id, requested_by_name, "
    "channel, recorded_at, note, reseller_id, reason, new_reseller_id"
)
_REASON = "'reseller_changed'"
# SQLite: the instant as SQLAlchemy stores it (microseconds; %f gives milliseconds).
_SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f000', 'now')"
_TICKET_RESELLER = "(SELECT c.reseller_id FROM service_contracts c WHERE c.id = NEW.contract_id)"

SQLITE_TRIGGERS = [
    f"""
    CREATE TRIGGER tickets_consent_follows_contract AFTER UPDATE OF contract_id ON tickets
    WHEN NEW.reseller_access AND NEW.access_reseller_id IS NOT {_TICKET_RESELLER}
    BEGIN
        INSERT INTO reseller_access_changes ({_HISTORY_COLUMNS})
        VALUES (NEW.id, 1, 0, NULL, NULL, '', NEW.channel, {_SQLITE_NOW}, NULL,
                NEW.access_reseller_id, {_REASON}, {_TICKET_RESELLER});
        UPDATE tickets SET reseller_access = 0, access_reseller_id = NULL WHERE id = NEW.id;
    END
    """,
    f"""
    CREATE TRIGGER service_contracts_consent_follows_reseller
    AFTER UPDATE OF reseller_id ON service_contracts
    WHEN NEW.reseller_id IS NOT OLD.reseller_id
    BEGIN
        INSERT INTO reseller_access_changes ({_HISTORY_COLUMNS})
        SELECT t.id, 1, 0, NULL, NULL, '', t.channel, {_SQLITE_NOW}, NULL,
               t.access_reseller_id, {_REASON}, NEW.reseller_id
        FROM tickets t
        WHERE t.contract_id = NEW.id AND t.reseller_access
          AND t.access_reseller_id IS NOT NEW.reseller_id;
        UPDATE tickets SET reseller_access = 0, access_reseller_id = NULL
        WHERE contract_id = NEW.id AND reseller_access
          AND access_reseller_id IS NOT NEW.reseller_id;
    END
    """,
]
POSTGRESQL_TRIGGERS = [
    f"""
    CREATE FUNCTION hezo_consent_follows_reseller() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        WITH ended AS (
            UPDATE tickets t SET reseller_access = false, access_reseller_id = NULL
            FROM service_contracts c, tickets before_row
            WHERE c.id = t.contract_id AND before_row.id = t.id
              AND (CASE WHEN TG_TABLE_NAME = 'tickets' THEN t.id = NEW.id
                        ELSE t.contract_id = NEW.id END)
              AND t.reseller_access AND t.access_reseller_id IS DISTINCT FROM c.reseller_id
            RETURNING t.id, t.channel, before_row.access_reseller_id, c.reseller_id
        )
        INSERT INTO reseller_access_changes ({_HISTORY_COLUMNS})
        SELECT ended.id, true, false, NULL, NULL, '', ended.channel, now(), NULL,
               ended.access_reseller_id, {_REASON}, ended.reseller_id
        FROM ended;
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER tickets_consent_follows_contract AFTER UPDATE OF contract_id ON tickets "
    "FOR EACH ROW EXECUTE FUNCTION hezo_consent_follows_reseller()",
    "CREATE TRIGGER service_contracts_consent_follows_reseller "
    "AFTER UPDATE OF reseller_id ON service_contracts "
    "FOR EACH ROW WHEN (NEW.reseller_id IS DISTINCT FROM OLD.reseller_id) "
    "EXECUTE FUNCTION hezo_consent_follows_reseller()",
]


def _lift_update_guards(table: str) -> list[str]:
    """Lift the triggers that refuse updates of `table` for this revision's own one-time
    fill (no desk ever writes through them); return the statements that restore them as
    they were, whatever an earlier revision made of them (0009's redaction permits)."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        return [f"ALTER TABLE {table} ENABLE TRIGGER USER"]
    guards = bind.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
        "AND sql LIKE '%BEFORE UPDATE%'",
        (table,),
    ).all()
    for name, _sql in guards:
        op.execute(f"DROP TRIGGER {name}")
    return [sql for _name, sql in guards]


def _add_reseller_reference(table: str, column: str) -> None:
    name = f"fk_{table}_{column}_resellers"
    if op.get_bind().dialect.name == "sqlite":
        # Plain ALTER: a batch rebuild would drop the tables' triggers (append-only, full text,
        # sort keys). SQLite takes a reference on an added column that defaults to NULL.
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} INTEGER "
            f"CONSTRAINT {name} REFERENCES resellers (id)"
        )
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(name, table, "resellers", [column], ["id"])


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table, column in RESELLER_COLUMNS:
        _add_reseller_reference(table, column)
    op.add_column("reseller_access_changes", sa.Column("reason", sa.String(32), nullable=True))
    op.add_column("audit_log", sa.Column("chain_previous", sa.String(64), nullable=True))
    op.add_column("audit_log", sa.Column("chain_hash", sa.String(64), nullable=True))

    # The yes there is was given to the ticket's reseller as it is now; so was every decision.
    current_reseller = (
        "(SELECT c.reseller_id FROM service_contracts c WHERE c.id = {table}.{ticket_contract})"
    )
    # A yes on a ticket linked to no contract was given to nobody and never counted (the rule
    # wants the ticket's own reseller): it becomes the no the rule already read it as.
    op.execute(
        "UPDATE tickets SET reseller_access = false WHERE reseller_access AND contract_id IS NULL"
    )
    op.execute(
        "UPDATE tickets SET access_reseller_id = "
        + current_reseller.format(table="tickets", ticket_contract="contract_id")
        + " WHERE reseller_access"
    )
    restore = _lift_update_guards("reseller_access_changes")
    op.execute(
        "UPDATE reseller_access_changes SET reseller_id = (SELECT c.reseller_id "
        "FROM tickets t JOIN service_contracts c ON c.id = t.contract_id "
        "WHERE t.id = reseller_access_changes.ticket_id)"
    )
    for statement in restore:
        op.execute(statement)

    restore = _lift_update_guards("audit_log")
    _chain_existing_entries()
    for statement in restore:
        op.execute(statement)

    if postgresql:
        for statement in [*_views(consent_bound=True), *POSTGRESQL_TRIGGERS]:
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def _chain_existing_entries() -> None:
    bind = op.get_bind()
    entry = AuditEntry.__table__.c
    rows = bind.execute(
        sa.select(
            entry.id,
            entry.recorded_at,
            entry.agent_id,
            entry.action,
            entry.ticket_id,
            entry.subject_type,
            entry.subject_id,
            entry.summary,
            entry.details,
        ).order_by(entry.id)
    ).all()
    update = (
        sa.update(AuditEntry)
        .where(entry.id == sa.bindparam("entry_id"))
        .values(
            chain_previous=sa.bindparam("previous"),
            chain_hash=sa.bindparam("hash"),
        )
    )
    previous = ""
    pending: list[dict[str, Any]] = []
    for row in rows:
        link = chain_hash(
            previous,
            id=row.id,
            recorded_at=row.recorded_at,
            agent_id=row.agent_id,
            action=row.action,
            ticket_id=row.ticket_id,
            subject_type=row.subject_type,
            subject_id=row.subject_id,
            summary=row.summary,
            details=row.details,
        )
        pending.append({"entry_id": row.id, "previous": previous, "hash": link})
        previous = link
        if len(pending) >= CHAIN_CHUNK:
            bind.execute(update, pending)
            pending = []
    if pending:
        bind.execute(update, pending)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _views(consent_bound=False):
            op.execute(statement)
        op.execute("DROP TRIGGER service_contracts_consent_follows_reseller ON service_contracts")
        op.execute("DROP TRIGGER tickets_consent_follows_contract ON tickets")
        op.execute("DROP FUNCTION hezo_consent_follows_reseller()")
    else:
        op.execute("DROP TRIGGER service_contracts_consent_follows_reseller")
        op.execute("DROP TRIGGER tickets_consent_follows_contract")
    op.drop_column("audit_log", "chain_hash")
    op.drop_column("audit_log", "chain_previous")
    op.drop_column("reseller_access_changes", "reason")
    for table, column in RESELLER_COLUMNS:
        if op.get_bind().dialect.name == "postgresql":
            op.drop_constraint(f"fk_{table}_{column}_resellers", table, type_="foreignkey")
        op.drop_column(table, column)
