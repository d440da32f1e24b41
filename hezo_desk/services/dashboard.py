"""The supervisors' dashboard: a period's figures, each counted by the database in one query.

For a period of Warsaw days (by default the last 30, today included; never past today):

- **flow**: tickets opened and tickets closed per day. "Closed" is the ticket's `closed_at`
  (closing or cancelling sets it, reopening clears it): a ticket counts once, on the day it
  last left the open states, and a reopened ticket not at all until it is closed again.
- **backlog**: the open tickets by state (new, in progress, waiting for the customer) at the
  end of each day (Warsaw midnight; today: now). Reconstructed exactly from what the database
  holds, walking back from the present: a ticket opened by that instant counts in the state
  it is in now, corrected by every state change the audit log recorded after that instant
  (`ticket.state_changed`, whose details hold `from` and `to`): a change into a state after
  the instant means the ticket was not in it then, a change out of a state means it was.
  Tickets opened after the instant do not count. A migrated ticket counts from its legacy
  opening in its migrated state (the legacy system's own state changes are not known).
- **by service level** and **by agent** (the assignee): for the tickets opened in the period
  with a service level, how many response and resolution targets were met, breached, or are
  still running. Breached: decided as not met, or an open ticket whose due has passed (an
  unanswered ticket past its response due; any open ticket past its resolution due).

Days are cut at Warsaw midnights computed here (DST-correct) and handed to the database as
instants; the day of each row is a `CASE` over those instants, so SQLite and PostgreSQL
count alike and no ticket is read into Python, only a few hundred aggregate rows.
Supervisors and administrators only.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import ColumnElement, String, and_, case, cast, false, func, literal, or_, select
from sqlalchemy import true as sql_true

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import OPEN_TICKET_STATES, Role, TicketState
from hezo_desk.errors import DashboardPeriodError
from hezo_desk.local_time import WARSAW
from hezo_desk.models import Agent, AuditEntry, ServiceLevel, Ticket, utcnow
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.call_records import spreadsheet_text

SUPERVISING_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)
DEFAULT_DAYS = 30
MAX_DAYS = 92
# The states of the backlog, in the order they are stacked.
BACKLOG_STATES = (TicketState.NEW, TicketState.IN_PROGRESS, TicketState.WAITING_FOR_CUSTOMER)
_OPEN = tuple(state.value for state in OPEN_TICKET_STATES)


@dataclass(frozen=True)
class Period:
    """Warsaw days from `first_day` to `last_day`, both included."""

    first_day: dt.date
    last_day: dt.date

    @property
    def days(self) -> list[dt.date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + dt.timedelta(days=offset) for offset in range(count)]


def today_in_warsaw(now: dt.datetime) -> dt.date:
    return now.astimezone(WARSAW).date()


def default_period(now: dt.datetime, days: int = DEFAULT_DAYS) -> Period:
    today = today_in_warsaw(now)
    return Period(today - dt.timedelta(days=days - 1), today)


@dataclass(frozen=True)
class DayFlow:
    day: dt.date
    opened: int
    closed: int


@dataclass(frozen=True)
class DayBacklog:
    """Open tickets by state at the end of `day` (today: now)."""

    day: dt.date
    new: int
    in_progress: int
    waiting_for_customer: int

    @property
    def total(self) -> int:
        return self.new + self.in_progress + self.waiting_for_customer

    def count(self, state: TicketState) -> int:
        return int(getattr(self, state.value))


@dataclass(frozen=True)
class Tally:
    """One target over many tickets: met, breached, and still running (not yet due)."""

    met: int = 0
    breached: int = 0
    running: int = 0


@dataclass(frozen=True)
class TargetRow:
    """The response and resolution targets of one service level or one agent.

    `name` is the level's name or the agent's display name; None: no assignee.
    """

    name: str | None
    response: Tally
    resolution: Tally


@dataclass(frozen=True)
class DashboardFigures:
    period: Period
    now: dt.datetime
    flow: list[DayFlow]
    backlog: list[DayBacklog]
    by_level: list[TargetRow]
    by_agent: list[TargetRow]


class Dashboard:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ----- the period ----------------------------------------------------------------------

    def period(self, now: dt.datetime, first_day: dt.date, last_day: dt.date) -> Period:
        """A period that ends no later than today (Warsaw) and spans 1 to `MAX_DAYS` days."""
        last = min(last_day, today_in_warsaw(now))
        if first_day > last or (last - first_day).days + 1 > MAX_DAYS:
            raise DashboardPeriodError(first_day, last_day, MAX_DAYS)
        return Period(first_day, last)

    def figures(
        self, actor: Actor, period: Period | None = None, now: dt.datetime | None = None
    ) -> DashboardFigures:
        """Every chart's figures, one query each."""
        now = now or utcnow()
        period = self._checked(actor, period, now)
        return DashboardFigures(
            period,
            now,
            self.flow(actor, period, now),
            self.backlog(actor, period, now),
            self.by_level(actor, period, now),
            self.by_agent(actor, period, now),
        )

    # ----- the charts ----------------------------------------------------------------------

    def flow(
        self, actor: Actor, period: Period | None = None, now: dt.datetime | None = None
    ) -> list[DayFlow]:
        """Tickets opened and closed on each day of the period."""
        now = now or utcnow()
        period = self._checked(actor, period, now)
        starts, ends = _day_bounds(period)
        parts = []
        for kind, column in (("opened", Ticket.opened_at), ("closed", Ticket.closed_at)):
            day = _day_of(column, ends)
            parts.append(
                select(literal(kind).label("kind"), day.label("day"), func.count().label("n"))
                .where(column >= starts[0], column < ends[-1], column <= now)
                .group_by(day)
            )
        counts: dict[tuple[str, int], int] = {}
        with self._db.sessions() as session:
            for kind, index, count in session.execute(parts[0].union_all(parts[1])):
                counts[(kind, int(index))] = int(count)
        return [
            DayFlow(day, counts.get(("opened", index), 0), counts.get(("closed", index), 0))
            for index, day in enumerate(period.days)
        ]

    def backlog(
        self, actor: Actor, period: Period | None = None, now: dt.datetime | None = None
    ) -> list[DayBacklog]:
        """Open tickets by state at the end of each day, reconstructed (see the module)."""
        now = now or utcnow()
        period = self._checked(actor, period, now)
        _starts, ends = _day_bounds(period)
        days = len(ends)
        opened_day = _day_of(Ticket.opened_at, ends)
        tickets = (
            select(
                literal("ticket").label("kind"),
                opened_day.label("opened_day"),
                literal(days).label("changed_day"),
                literal("").label("old"),
                cast(Ticket.state, String).label("new"),
                func.count().label("n"),
            )
            .where(Ticket.state.in_(_OPEN), Ticket.opened_at < ends[-1], Ticket.opened_at <= now)
            .group_by(opened_day, Ticket.state)
        )
        # Each change with its ticket's opening, looked up by the ticket's key once per change
        # (a join reads every ticket on PostgreSQL). `OFFSET 0` keeps both databases from
        # merging this into the query around it, which would copy the lookup into each branch
        # of the day's CASE. A change or an opening after `now` (a clock set back in a test)
        # is after every day's end.
        ticket_opened = (
            select(Ticket.opened_at)
            .where(Ticket.id == AuditEntry.ticket_id)
            .correlate(AuditEntry)
            .scalar_subquery()
        )
        recorded = (
            select(
                ticket_opened.label("opened_at"),
                AuditEntry.recorded_at.label("recorded_at"),
                AuditEntry.details["from"].as_string().label("old"),
                AuditEntry.details["to"].as_string().label("new"),
            )
            .where(
                AuditEntry.action == AuditAction.TICKET_STATE_CHANGED,
                AuditEntry.recorded_at >= min(ends[0], now),
                AuditEntry.ticket_id.is_not(None),
            )
            .offset(0)
            .subquery("state_changes")
        )
        grouped = (
            _day_of_after(recorded.c.opened_at, ends, now).label("opened_day"),
            _day_of_after(recorded.c.recorded_at, ends, now).label("changed_day"),
            recorded.c.old,
            recorded.c.new,
        )
        changes = select(literal("change"), *grouped, func.count()).group_by(*grouped)
        # counts[i][state]: tickets opened by the end of day i in `state` now, walked back
        # through the changes recorded after that end.
        counts = [dict.fromkeys(_OPEN, 0) for _ in range(days)]
        with self._db.sessions() as session:
            rows = session.execute(tickets.union_all(changes)).all()
        for kind, opened, changed, was, became, number in rows:
            first, last = int(opened), int(changed)
            for index in range(first, min(last, days)):
                day_counts = counts[index]
                if kind == "ticket":
                    day_counts[became] += number
                    continue
                if became in day_counts:
                    day_counts[became] -= number
                if was in day_counts:
                    day_counts[was] += number
        return [
            DayBacklog(
                day,
                counts[index][TicketState.NEW.value],
                counts[index][TicketState.IN_PROGRESS.value],
                counts[index][TicketState.WAITING_FOR_CUSTOMER.value],
            )
            for index, day in enumerate(period.days)
        ]

    def by_level(
        self, actor: Actor, period: Period | None = None, now: dt.datetime | None = None
    ) -> list[TargetRow]:
        """Response and resolution targets met or breached, per service level."""
        now = now or utcnow()
        period = self._checked(actor, period, now)
        query = (
            select(ServiceLevel.name, *_tallies(now))
            .select_from(Ticket)
            # An outer join: SQLite then reads the period's tickets once, not once per level.
            .outerjoin(ServiceLevel, ServiceLevel.id == Ticket.sla_level_id)
            .where(*_opened_in(period, now), Ticket.sla_level_id.is_not(None))
            .group_by(ServiceLevel.id, ServiceLevel.name)
            .order_by(ServiceLevel.name)
        )
        with self._db.sessions() as session:
            return [_target_row(row) for row in session.execute(query)]

    def by_agent(
        self, actor: Actor, period: Period | None = None, now: dt.datetime | None = None
    ) -> list[TargetRow]:
        """Response and resolution targets met or breached, per assignee (None: nobody)."""
        now = now or utcnow()
        period = self._checked(actor, period, now)
        query = (
            select(Agent.display_name, *_tallies(now))
            .select_from(Ticket)
            .outerjoin(Agent, Agent.id == Ticket.assignee_id)
            .where(*_opened_in(period, now), Ticket.sla_level_id.is_not(None))
            .group_by(Ticket.assignee_id, Agent.display_name)
        )
        with self._db.sessions() as session:
            rows = [_target_row(row) for row in session.execute(query)]
        return sorted(rows, key=lambda row: (row.name is None, (row.name or "").casefold()))

    # ----- inside --------------------------------------------------------------------------

    def _checked(self, actor: Actor, period: Period | None, now: dt.datetime) -> Period:
        require_role(actor, SUPERVISING_ROLES, QT_TRANSLATE_NOOP("Errors", "read the dashboard"))
        if period is None:
            return default_period(now)
        return self.period(now, period.first_day, period.last_day)


def _day_bounds(period: Period) -> tuple[list[dt.datetime], list[dt.datetime]]:
    """The UTC instants each day of the period starts and ends (Warsaw midnights)."""
    starts = [_midnight(day) for day in period.days]
    return starts, [*starts[1:], _midnight(period.last_day + dt.timedelta(days=1))]


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), WARSAW).astimezone(dt.UTC)


def _day_of(column: Any, ends: Sequence[dt.datetime]) -> ColumnElement[int]:
    """The index of the day that ends first after `column` (before the first day: 0; after
    the last: len(ends))."""
    return case(*((column < end, index) for index, end in enumerate(ends)), else_=len(ends))


def _day_of_after(column: Any, ends: Sequence[dt.datetime], now: dt.datetime) -> Any:
    """As `_day_of`, and past every day's end when after `now` (today's end is now)."""
    return case(
        (column > now, len(ends)),
        *((column < end, index) for index, end in enumerate(ends)),
        else_=len(ends),
    )


def _opened_in(period: Period, now: dt.datetime) -> list[ColumnElement[bool]]:
    starts, ends = _day_bounds(period)
    return [Ticket.opened_at >= starts[0], Ticket.opened_at < ends[-1], Ticket.opened_at <= now]


def _tallies(now: dt.datetime) -> list[Any]:
    """Six sums: response met, breached, running; resolution met, breached, running."""
    is_open = Ticket.state.in_(_OPEN)
    response_target = or_(
        Ticket.response_target_minutes.is_not(None), Ticket.response_target_nbd == sql_true()
    )
    resolution_target = or_(
        Ticket.resolution_target_minutes.is_not(None), Ticket.resolution_target_nbd == sql_true()
    )
    response_late = and_(
        Ticket.response_met.is_(None),
        Ticket.first_response_at.is_(None),
        is_open,
        # Not NULL first: "NOT (NULL < now)" is NULL, and a held clock is not late.
        Ticket.response_due_at.is_not(None),
        Ticket.response_due_at < now,
    )
    resolution_late = and_(
        Ticket.resolution_met.is_(None),
        is_open,
        Ticket.resolution_due_at.is_not(None),
        Ticket.resolution_due_at < now,
    )
    conditions = [
        Ticket.response_met == sql_true(),
        or_(Ticket.response_met == false(), response_late),
        and_(Ticket.response_met.is_(None), is_open, response_target, ~response_late),
        Ticket.resolution_met == sql_true(),
        or_(Ticket.resolution_met == false(), resolution_late),
        and_(Ticket.resolution_met.is_(None), is_open, resolution_target, ~resolution_late),
    ]
    return [func.coalesce(func.sum(case((condition, 1), else_=0)), 0) for condition in conditions]


def _target_row(row: Any) -> TargetRow:
    name, *numbers = row
    values = [int(number) for number in numbers]
    return TargetRow(name, Tally(*values[:3]), Tally(*values[3:]))


# ----- CSV ---------------------------------------------------------------------------------

FLOW_COLUMNS = ("day", "opened", "closed")
BACKLOG_COLUMNS = ("day", *(state.value for state in BACKLOG_STATES), "total")
TARGET_COLUMNS = (
    "response_met",
    "response_breached",
    "response_running",
    "resolution_met",
    "resolution_breached",
    "resolution_running",
)


def write_flow_csv(flow: Sequence[DayFlow], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(FLOW_COLUMNS)
    writer.writerows((day.day.isoformat(), day.opened, day.closed) for day in flow)


def write_backlog_csv(backlog: Sequence[DayBacklog], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(BACKLOG_COLUMNS)
    for day in backlog:
        counts = [day.count(state) for state in BACKLOG_STATES]
        writer.writerow((day.day.isoformat(), *counts, day.total))


def write_targets_csv(rows: Sequence[TargetRow], first_column: str, out: TextIO) -> None:
    """`first_column` names what a row is ("level", "agent"); an agent-less row's name is ''."""
    writer = csv.writer(out)
    writer.writerow((first_column, *TARGET_COLUMNS))
    for row in rows:
        writer.writerow(
            (
                spreadsheet_text(row.name),
                row.response.met,
                row.response.breached,
                row.response.running,
                row.resolution.met,
                row.resolution.breached,
                row.resolution.running,
            )
        )


def write_csv_file(path: Path, write: Any) -> None:
    """`write(out)` into `path`, whole or not at all (a failed export leaves no half file)."""
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            write(out)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
