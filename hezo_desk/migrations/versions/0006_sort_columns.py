"""Sort keys kept on the ticket: customer, serial notation and assignee, with their indexes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 15:40:00.000000

The ticket list sorts by its customer's name, its service's notation and its assignee's name.
Read through the ticket's foreign keys they cannot be indexed, so every sort read the whole
table (a quarter to one and a half seconds at a million tickets). The ticket now keeps a copy
of each, and the database keeps the copies true by itself: triggers fill them when a ticket is
written and follow a renamed customer, agent or service. Desks at 0001–0005 keep working with
it: they never name the new columns and the triggers do their part for them.
Also indexes for the channel and reseller-access sorts.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CUSTOMER = "coalesce((SELECT name_folded FROM customers WHERE customers.id = {t}.customer_id), '')"
SERIAL = "coalesce((SELECT serial FROM services WHERE services.id = {t}.service_id), '')"
NOTATION_INDEX = (
    "coalesce((SELECT notation_index FROM services WHERE services.id = {t}.service_id), -1)"
)
ASSIGNEE = "coalesce((SELECT display_name FROM agents WHERE agents.id = {t}.assignee_id), '')"
INDEXES = {
    "ix_tickets_customer_sort": ["customer_sort", "id"],
    "ix_tickets_notation_sort": ["serial_sort", "notation_index_sort", "id"],
    "ix_tickets_assignee_sort": ["assignee_sort", "id"],
    "ix_tickets_channel": ["channel", "id"],
    "ix_tickets_reseller_access": ["reseller_access", "id"],
}


def _assignments(row: str) -> str:
    return (
        f"customer_sort = {CUSTOMER.format(t=row)}, serial_sort = {SERIAL.format(t=row)}, "
        f"notation_index_sort = {NOTATION_INDEX.format(t=row)}, "
        f"assignee_sort = {ASSIGNEE.format(t=row)}"
    )


SQLITE_TRIGGERS = (
    # Recursive triggers are off: the inner UPDATE does not fire these again.
    "CREATE TRIGGER tickets_sort_insert AFTER INSERT ON tickets BEGIN "
    f"UPDATE tickets SET {_assignments('NEW')} WHERE id = NEW.id; END",
    "CREATE TRIGGER tickets_sort_update AFTER UPDATE OF customer_id, service_id, assignee_id "
    f"ON tickets BEGIN UPDATE tickets SET {_assignments('NEW')} WHERE id = NEW.id; END",
    "CREATE TRIGGER customers_sort_follow AFTER UPDATE OF name_folded ON customers BEGIN "
    "UPDATE tickets SET customer_sort = coalesce(NEW.name_folded, '') "
    "WHERE customer_id = NEW.id; END",
    "CREATE TRIGGER services_sort_follow AFTER UPDATE OF serial, notation_index ON services "
    "BEGIN UPDATE tickets SET serial_sort = coalesce(NEW.serial, ''), "
    "notation_index_sort = coalesce(NEW.notation_index, -1) WHERE service_id = NEW.id; END",
    "CREATE TRIGGER agents_sort_follow AFTER UPDATE OF display_name ON agents BEGIN "
    "UPDATE tickets SET assignee_sort = coalesce(NEW.display_name, '') "
    "WHERE assignee_id = NEW.id; END",
)
POSTGRESQL_TRIGGERS = (
    "CREATE FUNCTION tickets_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"NEW.customer_sort := {CUSTOMER.format(t='NEW')}; "
    f"NEW.serial_sort := {SERIAL.format(t='NEW')}; "
    f"NEW.notation_index_sort := {NOTATION_INDEX.format(t='NEW')}; "
    f"NEW.assignee_sort := {ASSIGNEE.format(t='NEW')}; "
    "RETURN NEW; END $$",
    "CREATE TRIGGER tickets_sort_keys BEFORE INSERT OR UPDATE OF customer_id, service_id, "
    "assignee_id ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_sort_keys()",
    "CREATE FUNCTION customers_sort_follow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE tickets SET customer_sort = coalesce(NEW.name_folded, '') "
    "WHERE customer_id = NEW.id; RETURN NULL; END $$",
    "CREATE TRIGGER customers_sort_follow AFTER UPDATE OF name_folded ON customers "
    "FOR EACH ROW WHEN (OLD.name_folded IS DISTINCT FROM NEW.name_folded) "
    "EXECUTE FUNCTION customers_sort_follow()",
    "CREATE FUNCTION services_sort_follow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE tickets SET serial_sort = coalesce(NEW.serial, ''), "
    "notation_index_sort = coalesce(NEW.notation_index, -1) WHERE service_id = NEW.id; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER services_sort_follow AFTER UPDATE OF serial, notation_index ON services "
    "FOR EACH ROW WHEN (OLD.serial IS DISTINCT FROM NEW.serial "
    "OR OLD.notation_index IS DISTINCT FROM NEW.notation_index) "
    "EXECUTE FUNCTION services_sort_follow()",
    "CREATE FUNCTION agents_sort_follow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE tickets SET assignee_sort = coalesce(NEW.display_name, '') "
    "WHERE assignee_id = NEW.id; RETURN NULL; END $$",
    "CREATE TRIGGER agents_sort_follow AFTER UPDATE OF display_name ON agents "
    "FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name) "
    "EXECUTE FUNCTION agents_sort_follow()",
)


def upgrade() -> None:
    op.add_column(
        "tickets", sa.Column("customer_sort", sa.Text(), nullable=False, server_default="")
    )
    op.add_column("tickets", sa.Column("serial_sort", sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "tickets",
        sa.Column("notation_index_sort", sa.Integer(), nullable=False, server_default="-1"),
    )
    op.add_column(
        "tickets", sa.Column("assignee_sort", sa.Text(), nullable=False, server_default="")
    )
    op.execute(f"UPDATE tickets SET {_assignments('tickets')}")
    sqlite = op.get_context().dialect.name == "sqlite"
    for statement in SQLITE_TRIGGERS if sqlite else POSTGRESQL_TRIGGERS:
        op.execute(statement)
    for name, columns in INDEXES.items():
        op.create_index(name, "tickets", columns)
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0006', '0001')"
    )


def downgrade() -> None:
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0006'")
    for name in INDEXES:
        op.drop_index(name, table_name="tickets")
    if op.get_context().dialect.name == "sqlite":
        for trigger in (
            "tickets_sort_insert",
            "tickets_sort_update",
            "customers_sort_follow",
            "services_sort_follow",
            "agents_sort_follow",
        ):
            op.execute(f"DROP TRIGGER {trigger}")
    else:
        op.execute("DROP TRIGGER tickets_sort_keys ON tickets")
        op.execute("DROP TRIGGER customers_sort_follow ON customers")
        op.execute("DROP TRIGGER services_sort_follow ON services")
        op.execute("DROP TRIGGER agents_sort_follow ON agents")
        for function in (
            "tickets_sort_keys",
            "customers_sort_follow",
            "services_sort_follow",
            "agents_sort_follow",
        ):
            op.execute(f"DROP FUNCTION {function}()")
    # Not a batch (a copied table would lose the other revisions' triggers): SQLite 3.35+
    # drops a column in place.
    for column in ("assignee_sort", "notation_index_sort", "serial_sort", "customer_sort"):
        op.execute(f"ALTER TABLE tickets DROP COLUMN {column}")
