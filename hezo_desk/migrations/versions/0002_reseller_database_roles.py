"""Reseller database roles: the access rule enforced by PostgreSQL itself.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 12:30:00.000000

Both dialects get `reseller_db_roles` (which login role speaks for which reseller). PostgreSQL
also gets the schema `reseller_portal` with three security-barrier views: the tickets a
reseller may see (its own contracts, the customer allowed it), their customer-visible messages
and their attachments except the internal legacy dialogue. A reseller role is granted these
views only (`hezo-desk reseller grant-db-role`), never the tables under them; the views run
with their owner's rights and filter by `current_user`, so a withdrawal counts at once.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEMA = "reseller_portal"

# The rule of `hezo_desk.services.reseller_rule`, in SQL: the ticket's contract names the
# reseller the connected role speaks for, and the customer allowed it. Every view repeats it in
# full.
_VISIBLE_TICKET = """
    t.reseller_access
    AND c.reseller_id = (
        SELECT r.reseller_id FROM public.reseller_db_roles r WHERE r.role_name = current_user
    )
"""

POSTGRESQL_VIEWS = [
    f"CREATE SCHEMA {SCHEMA}",
    f"REVOKE ALL ON SCHEMA {SCHEMA} FROM PUBLIC",
    f"COMMENT ON SCHEMA {SCHEMA} IS 'What a reseller database role may read: the tickets "
    "its customers allowed it to see, never internal notes (HEZO Desk, revision 0002)'",
    f"""
    CREATE VIEW {SCHEMA}.tickets WITH (security_barrier) AS
    SELECT t.id, t.number, t.subject, t.state, cu.name AS customer_name,
           t.opened_at, t.updated_at
    FROM public.tickets t
    JOIN public.service_contracts c ON c.id = t.contract_id
    JOIN public.customers cu ON cu.id = t.customer_id
    WHERE {_VISIBLE_TICKET}
    """,
    f"""
    CREATE VIEW {SCHEMA}.messages WITH (security_barrier) AS
    SELECT m.id, m.ticket_id, m.kind, m.author_name, m.body, m.created_at
    FROM public.messages m
    JOIN public.tickets t ON t.id = m.ticket_id
    JOIN public.service_contracts c ON c.id = t.contract_id
    WHERE m.kind IN ('customer', 'agent') AND {_VISIBLE_TICKET}
    """,
    f"""
    CREATE VIEW {SCHEMA}.attachments WITH (security_barrier) AS
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
      AND {_VISIBLE_TICKET}
    """,
    *[
        f"REVOKE ALL ON {SCHEMA}.{view} FROM PUBLIC"
        for view in ("tickets", "messages", "attachments")
    ],
]


def upgrade() -> None:
    op.create_table(
        "reseller_db_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role_name", sa.String(length=63), nullable=False),
        sa.Column("reseller_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_agent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_agent_id"],
            ["agents.id"],
            name=op.f("fk_reseller_db_roles_created_by_agent_id_agents"),
        ),
        sa.ForeignKeyConstraint(
            ["reseller_id"],
            ["resellers.id"],
            name=op.f("fk_reseller_db_roles_reseller_id_resellers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reseller_db_roles")),
        sa.UniqueConstraint("role_name", name=op.f("uq_reseller_db_roles_role_name")),
    )
    with op.batch_alter_table("reseller_db_roles", schema=None) as batch_op:
        batch_op.create_index("ix_reseller_db_roles_reseller_id", ["reseller_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL_VIEWS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    with op.batch_alter_table("reseller_db_roles", schema=None) as batch_op:
        batch_op.drop_index("ix_reseller_db_roles_reseller_id")
    op.drop_table("reseller_db_roles")
