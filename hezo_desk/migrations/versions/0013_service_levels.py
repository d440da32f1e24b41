"""Service levels the desk keeps: levels and targets, each service's level, each ticket's dues.

Revision ID: 0013_service_levels
Revises: 0012
Create Date: 2026-11-30 11:45:00.000000

- `service_levels` and `service_level_targets`: the default levels of DOMAIN.md (24x7, 8x5,
  NBD, none) are written here with their targets; supervisors change them and add others.
- `services.service_level_id`: each service gets its level from its product's name by the
  product rule (`24x7`, then `NBD`, then `8x5` in the name, letters in either case; any other
  product 8x5).
- `tickets`: the targets a ticket was opened under (copied from its level), its response and
  resolution dues, its first reply, whether each target was met, the due the list counts down
  to (`next_due_at`, indexed for the "time left" sort and its filters), and a mark for a
  migrated ticket that was already overdue when it arrived.
- `ticket_pauses`: the intervals a ticket waited for the customer (its clock stood still).

A desk of an earlier revision would open and answer tickets without dues: not compatible.
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from hezo_desk.models.base import UTCDateTime

revision: str = "0013_service_levels"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_HOUR = 60
_EIGHT_FIVE_RESPONSE = (240, 480, 960, 1920)
_PRIORITIES = ("critical", "high", "normal", "low")
# Frozen here as DOMAIN.md gives them (a migration never follows later code): name, calendar,
# rule key, response minutes per priority, resolution per priority ("nbd": the next business
# day's closing; None: no target).
_DEFAULT_LEVELS: tuple[tuple[str, str, str, tuple[int, ...], tuple[int | str | None, ...]], ...] = (
    ("24x7", "24x7", "24x7", (60, 120, 240, 480), (8 * _HOUR, 24 * _HOUR, 72 * _HOUR, 120 * _HOUR)),
    (
        "8x5",
        "business_hours",
        "8x5",
        _EIGHT_FIVE_RESPONSE,
        (16 * _HOUR, 40 * _HOUR, 80 * _HOUR, 160 * _HOUR),
    ),
    ("NBD", "business_hours", "nbd", _EIGHT_FIVE_RESPONSE, ("nbd", "nbd", 80 * _HOUR, 160 * _HOUR)),
    ("none", "business_hours", "none", (960, 960, 960, 960), (None, None, None, None)),
)
_CALENDAR_VALUES = ("24x7", "business_hours")
_PRIORITY_VALUES = ("low", "normal", "high", "critical")


def _enum(name: str, values: Sequence[str]) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def _add_reference(table: str, column: str, referred: str) -> None:
    name = f"fk_{table}_{column}_{referred}"
    if op.get_bind().dialect.name == "sqlite":
        # Plain ALTER: a batch rebuild would drop the tables' triggers (append-only, full text,
        # sort keys). SQLite takes a reference on an added column that defaults to NULL.
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} INTEGER "
            f"CONSTRAINT {name} REFERENCES {referred} (id)"
        )
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(name, table, referred, [column], ["id"])


def upgrade() -> None:
    op.create_table(
        "service_levels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("calendar", _enum("service_level_calendar", _CALENDAR_VALUES), nullable=False),
        sa.Column("rule_key", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_levels")),
        sa.UniqueConstraint("name", name=op.f("uq_service_levels_name")),
        sa.UniqueConstraint("rule_key", name=op.f("uq_service_levels_rule_key")),
    )
    op.create_table(
        "service_level_targets",
        sa.Column("level_id", sa.Integer(), nullable=False),
        sa.Column("priority", _enum("target_priority", _PRIORITY_VALUES), nullable=False),
        sa.Column("response_minutes", sa.Integer(), nullable=True),
        sa.Column(
            "response_next_business_day", sa.Boolean(), server_default=sa.false(), nullable=False
        ),
        sa.Column("resolution_minutes", sa.Integer(), nullable=True),
        sa.Column(
            "resolution_next_business_day", sa.Boolean(), server_default=sa.false(), nullable=False
        ),
        sa.CheckConstraint(
            "response_minutes IS NULL OR response_minutes >= 0",
            name=op.f("ck_service_level_targets_response_not_negative"),
        ),
        sa.CheckConstraint(
            "resolution_minutes IS NULL OR resolution_minutes >= 0",
            name=op.f("ck_service_level_targets_resolution_not_negative"),
        ),
        sa.CheckConstraint(
            "NOT (response_next_business_day AND response_minutes IS NOT NULL)",
            name=op.f("ck_service_level_targets_response_one_kind"),
        ),
        sa.CheckConstraint(
            "NOT (resolution_next_business_day AND resolution_minutes IS NOT NULL)",
            name=op.f("ck_service_level_targets_resolution_one_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["level_id"],
            ["service_levels.id"],
            name=op.f("fk_service_level_targets_level_id_service_levels"),
        ),
        sa.PrimaryKeyConstraint("level_id", "priority", name=op.f("pk_service_level_targets")),
    )
    op.create_table(
        "ticket_pauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_pauses_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_pauses")),
    )
    op.create_index("ix_ticket_pauses_ticket", "ticket_pauses", ["ticket_id", "started_at"])

    _add_reference("services", "service_level_id", "service_levels")
    op.create_index("ix_services_service_level_id", "services", ["service_level_id"])

    _add_reference("tickets", "sla_level_id", "service_levels")
    calendar_check = "sla_calendar IN ('24x7', 'business_hours')"
    op.execute(
        "ALTER TABLE tickets ADD COLUMN sla_calendar VARCHAR(32) "
        f"CONSTRAINT ck_tickets_ticket_sla_calendar CHECK ({calendar_check})"
    )
    for column in ("response_target_minutes", "resolution_target_minutes"):
        op.add_column("tickets", sa.Column(column, sa.Integer(), nullable=True))
    for column in ("response_target_nbd", "resolution_target_nbd", "overdue_at_migration"):
        op.add_column(
            "tickets",
            sa.Column(column, sa.Boolean(), server_default=sa.false(), nullable=False),
        )
    for column in ("response_due_at", "resolution_due_at", "first_response_at", "next_due_at"):
        op.add_column("tickets", sa.Column(column, sa.DateTime(timezone=True), nullable=True))
    for column in ("response_met", "resolution_met"):
        op.add_column("tickets", sa.Column(column, sa.Boolean(), nullable=True))
    op.create_index("ix_tickets_next_due", "tickets", ["next_due_at", "id"])

    _write_default_levels()
    op.execute(
        "UPDATE services SET service_level_id = (SELECT l.id FROM service_levels l WHERE "
        "l.rule_key = CASE WHEN lower(services.product) LIKE '%24x7%' THEN '24x7' "
        "WHEN lower(services.product) LIKE '%nbd%' THEN 'nbd' ELSE '8x5' END)"
    )
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0013_service_levels', '0013_service_levels')"
    )


def _write_default_levels() -> None:
    levels = sa.table(
        "service_levels",
        sa.column("name", sa.String),
        sa.column("calendar", sa.String),
        sa.column("rule_key", sa.String),
        sa.column("created_at", UTCDateTime()),
        sa.column("updated_at", UTCDateTime()),
        sa.column("version", sa.Integer),
    )
    targets = sa.table(
        "service_level_targets",
        sa.column("level_id", sa.Integer),
        sa.column("priority", sa.String),
        sa.column("response_minutes", sa.Integer),
        sa.column("response_next_business_day", sa.Boolean),
        sa.column("resolution_minutes", sa.Integer),
        sa.column("resolution_next_business_day", sa.Boolean),
    )
    bind = op.get_bind()
    now = dt.datetime.now(dt.UTC)
    for name, calendar, rule_key, response, resolution in _DEFAULT_LEVELS:
        level_id: int = bind.execute(
            sa.insert(levels)
            .values(
                name=name,
                calendar=calendar,
                rule_key=rule_key,
                created_at=now,
                updated_at=now,
                version=1,
            )
            .returning(sa.literal_column("id"))
        ).scalar_one()
        bind.execute(
            sa.insert(targets),
            [
                {
                    "level_id": level_id,
                    "priority": priority,
                    "response_minutes": response_minutes,
                    "response_next_business_day": False,
                    "resolution_minutes": None if resolved in (None, "nbd") else resolved,
                    "resolution_next_business_day": resolved == "nbd",
                }
                for priority, response_minutes, resolved in zip(
                    _PRIORITIES, response, resolution, strict=True
                )
            ],
        )


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.execute("DELETE FROM schema_compatibility WHERE revision = '0013_service_levels'")
    op.drop_index("ix_tickets_next_due", table_name="tickets")
    op.drop_index("ix_services_service_level_id", table_name="services")
    for table, column in (("tickets", "sla_level_id"), ("services", "service_level_id")):
        if postgresql:
            op.drop_constraint(f"fk_{table}_{column}_service_levels", table, type_="foreignkey")
        op.drop_column(table, column)
    for column in (
        "sla_calendar",
        "response_target_minutes",
        "resolution_target_minutes",
        "response_target_nbd",
        "resolution_target_nbd",
        "overdue_at_migration",
        "response_due_at",
        "resolution_due_at",
        "first_response_at",
        "next_due_at",
        "response_met",
        "resolution_met",
    ):
        op.drop_column("tickets", column)
    op.drop_index("ix_ticket_pauses_ticket", table_name="ticket_pauses")
    op.drop_table("ticket_pauses")
    op.drop_table("service_level_targets")
    op.drop_table("service_levels")
