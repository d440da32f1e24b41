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
- The tickets already there get their dues (`_fill_dues`): each copies the targets of its
  service's level (no service or no active contract: "none"), counted from its opening; a
  ticket waiting for the customer holds its clock from its last change (an open pause from
  `updated_at`); the first agent message is its first reply; a closed ticket's met flags are
  decided at its `closed_at`. A chunk of tickets at a time, in id order, each chunk's dues
  computed in Python by the desk's one computation (`settling.settle`, `levels.compute_dues`)
  and written back by id: a million tickets take minutes, not memory. No audit entry per
  ticket: the revision itself is what changed them.

A desk of an earlier revision would open and answer tickets without dues: not compatible.
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from hezo_desk.enums import CalendarKind, Priority, TicketState
from hezo_desk.models.base import UTCDateTime
from hezo_desk.services.service_levels import levels
from hezo_desk.services.service_levels.clock import Pause
from hezo_desk.services.service_levels.settling import settle, target_of, targets_for

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
    _fill_dues()
    op.execute(
        "INSERT INTO schema_compatibility (revision, oldest_client_revision) "
        "VALUES ('0013_service_levels', '0013_service_levels')"
    )


# Tickets read, computed and written back per chunk.
_FILL_CHUNK = 5000
_tickets = sa.table(
    "tickets",
    sa.column("id", sa.Integer),
    sa.column("service_id", sa.Integer),
    sa.column("priority", sa.String),
    sa.column("state", sa.String),
    sa.column("opened_at", UTCDateTime()),
    sa.column("updated_at", UTCDateTime()),
    sa.column("closed_at", UTCDateTime()),
    sa.column("sla_level_id", sa.Integer),
    sa.column("sla_calendar", sa.String),
    sa.column("response_target_minutes", sa.Integer),
    sa.column("response_target_nbd", sa.Boolean),
    sa.column("resolution_target_minutes", sa.Integer),
    sa.column("resolution_target_nbd", sa.Boolean),
    sa.column("response_due_at", UTCDateTime()),
    sa.column("resolution_due_at", UTCDateTime()),
    sa.column("first_response_at", UTCDateTime()),
    sa.column("response_met", sa.Boolean),
    sa.column("resolution_met", sa.Boolean),
    sa.column("next_due_at", UTCDateTime()),
)
_services = sa.table(
    "services",
    sa.column("id", sa.Integer),
    sa.column("contract_id", sa.Integer),
    sa.column("service_level_id", sa.Integer),
)
_contracts = sa.table(
    "service_contracts", sa.column("id", sa.Integer), sa.column("state", sa.String)
)
_messages = sa.table(
    "messages",
    sa.column("ticket_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("created_at", UTCDateTime()),
)
_pauses = sa.table(
    "ticket_pauses",
    sa.column("ticket_id", sa.Integer),
    sa.column("started_at", UTCDateTime()),
    sa.column("ended_at", UTCDateTime()),
)
_FILLED = (
    "sla_level_id",
    "sla_calendar",
    "response_target_minutes",
    "response_target_nbd",
    "resolution_target_minutes",
    "resolution_target_nbd",
    "response_due_at",
    "resolution_due_at",
    "first_response_at",
    "response_met",
    "resolution_met",
    "next_due_at",
)


def _stored_levels() -> tuple[dict[int, levels.ServiceLevel], int]:
    """The levels as this revision wrote them (by id), and the id of "none"."""
    bind = op.get_bind()
    found: dict[int, tuple[str, dict[Priority, levels.Target], dict[Priority, levels.Target]]]
    found = {}
    none_id = 0
    for level_id, calendar, rule_key in bind.execute(
        sa.text("SELECT id, calendar, rule_key FROM service_levels")
    ):
        found[level_id] = (calendar, {}, {})
        if rule_key == "none":
            none_id = level_id
    for level_id, priority, response, response_nbd, resolution, resolution_nbd in bind.execute(
        sa.text(
            "SELECT level_id, priority, response_minutes, response_next_business_day, "
            "resolution_minutes, resolution_next_business_day FROM service_level_targets"
        )
    ):
        found[level_id][1][Priority(priority)] = target_of(response, bool(response_nbd))
        found[level_id][2][Priority(priority)] = target_of(resolution, bool(resolution_nbd))
    stored = {
        level_id: levels.ServiceLevel(
            name=str(level_id),
            calendar=CalendarKind(calendar),
            response={p: response.get(p) for p in Priority},
            resolution={p: resolution.get(p) for p in Priority},
        )
        for level_id, (calendar, response, resolution) in found.items()
    }
    return stored, none_id


def _fill_dues() -> None:
    bind = op.get_bind()
    stored, none_id = _stored_levels()
    chunk = (
        sa.select(
            _tickets.c.id,
            _tickets.c.priority,
            _tickets.c.state,
            _tickets.c.opened_at,
            _tickets.c.updated_at,
            _tickets.c.closed_at,
            _services.c.service_level_id,
            _contracts.c.state.label("contract_state"),
        )
        .select_from(
            _tickets.outerjoin(_services, _services.c.id == _tickets.c.service_id).outerjoin(
                _contracts, _contracts.c.id == _services.c.contract_id
            )
        )
        .where(_tickets.c.id > sa.bindparam("after"))
        .order_by(_tickets.c.id)
        .limit(_FILL_CHUNK)
    )
    first_replies = (
        sa.select(_messages.c.ticket_id, sa.func.min(_messages.c.created_at))
        .where(
            _messages.c.ticket_id.between(sa.bindparam("low"), sa.bindparam("high")),
            _messages.c.kind == "agent",
        )
        .group_by(_messages.c.ticket_id)
    )
    write = (
        sa.update(_tickets)
        .where(_tickets.c.id == sa.bindparam("ticket_id"))
        .values({name: sa.bindparam(f"v_{name}") for name in _FILLED})
    )
    after = 0
    while True:
        rows = bind.execute(chunk, {"after": after}).all()
        if not rows:
            return
        replies = dict(bind.execute(first_replies, {"low": rows[0].id, "high": rows[-1].id}).all())
        values = []
        pauses: list[dict[str, object]] = []
        for row in rows:
            level_id = (
                row.service_level_id
                if row.service_level_id is not None and row.contract_state == "active"
                else none_id
            )
            targets = targets_for(level_id, stored[level_id], Priority(row.priority))
            state = TicketState(row.state)
            waiting = (
                [Pause(max(row.updated_at, row.opened_at), None)]
                if state is TicketState.WAITING_FOR_CUSTOMER
                else []
            )
            pauses.extend(
                {"ticket_id": row.id, "started_at": pause.start, "ended_at": None}
                for pause in waiting
            )
            first_reply = replies.get(row.id)
            settled = settle(
                targets,
                state,
                row.opened_at,
                closed_at=row.closed_at,
                first_response_at=first_reply,
                pauses=waiting,
            )
            columns = {**targets.columns(), **settled.columns(), "first_response_at": first_reply}
            columns["sla_calendar"] = targets.calendar.value
            values.append({"ticket_id": row.id, **{f"v_{name}": columns[name] for name in _FILLED}})
        bind.execute(write, values)
        if pauses:
            bind.execute(sa.insert(_pauses), pauses)
        after = rows[-1].id


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
