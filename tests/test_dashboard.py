"""The supervisors' dashboard figures, on hand-built tickets at a fixed now (both databases):
opened vs closed per Warsaw day, the backlog reconstructed through recorded state changes,
targets met or breached by level and by agent, the period's limits and the role check."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from builders import build_world
from hezo_desk.cli import main
from hezo_desk.db import Database
from hezo_desk.enums import Channel, Priority, Role, TicketState
from hezo_desk.errors import DashboardPeriodError, PermissionDeniedError
from hezo_desk.local_time import WARSAW
from hezo_desk.models import ServiceLevel, Ticket
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.dashboard import (
    Dashboard,
    DayBacklog,
    Period,
    Tally,
    TargetRow,
    write_backlog_csv,
    write_flow_csv,
    write_targets_csv,
)
from hezo_desk.wording import coded_error_text

# Tuesday 31 March 2026, 12:00 in Warsaw (summer time since Sunday 29 March, 02:00).
NOW = dt.datetime(2026, 3, 31, 12, 0, tzinfo=WARSAW).astimezone(dt.UTC)
NEW, WORKING, WAITING = TicketState.NEW, TicketState.IN_PROGRESS, TicketState.WAITING_FOR_CUSTOMER
CLOSED, CANCELLED = TicketState.CLOSED, TicketState.CANCELLED


def warsaw(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=WARSAW).astimezone(dt.UTC)


@dataclass
class Made:
    db: Database
    supervisor: Actor
    customer_id: int
    admin: Actor
    count: int = 0

    def ticket(
        self,
        opened: dt.datetime,
        state: TicketState,
        *,
        closed: dt.datetime | None = None,
        changes: tuple[tuple[dt.datetime, TicketState, TicketState], ...] = (),
        **columns: object,
    ) -> int:
        """A ticket as it is now, and the state changes the audit log recorded for it."""
        self.count += 1
        with self.db.transaction() as session:
            ticket = Ticket(
                number=f"HD-{self.count:06d}",
                subject=f"ticket {self.count}",
                customer_id=self.customer_id,
                state=state,
                priority=Priority.NORMAL,
                channel=Channel.PHONE,
                opened_at=opened,
                updated_at=opened,
                closed_at=closed,
                **columns,
            )
            session.add(ticket)
            session.flush()
            for at, old, new in changes:
                audit.record(
                    session,
                    self.supervisor,
                    AuditAction.TICKET_STATE_CHANGED,
                    f"{ticket.number}: state {old.value} → {new.value}",
                    ticket_id=ticket.id,
                    details={"from": old.value, "to": new.value},
                    at=at,
                )
            return ticket.id


@pytest.fixture
def made(db: Database, admin: Actor) -> Made:
    world = build_world(db)
    service = AgentService(db)
    service.add(
        admin, login="marek.zielinski", display_name="Marek Zieliński", role=Role.SUPERVISOR
    )
    return Made(db, service.resolve("marek.zielinski"), world.customer_id, admin)


def _flow_and_backlog_tickets(made: Made) -> None:
    # Opened before the period, untouched since: in progress on every day.
    made.ticket(warsaw(2, 20, 9), WORKING)
    # New, in progress, waiting, in progress again, closed.
    made.ticket(
        warsaw(3, 10, 9),
        CLOSED,
        closed=warsaw(3, 20, 15),
        changes=(
            (warsaw(3, 12, 10), NEW, WORKING),
            (warsaw(3, 15, 10), WORKING, WAITING),
            (warsaw(3, 18, 10), WAITING, WORKING),
            (warsaw(3, 20, 15), WORKING, CLOSED),
        ),
    )
    # Closed, then reopened: not closed now, in progress since its reopening.
    made.ticket(
        warsaw(3, 5, 9),
        WORKING,
        changes=((warsaw(3, 6, 10), NEW, CLOSED), (warsaw(3, 8, 10), CLOSED, WORKING)),
    )
    # Opened at 23:30 on the 25th and cancelled at 00:10 on the 26th, Warsaw time (both on
    # the 25th in UTC): new at the end of the 25th only, closed on the 26th.
    made.ticket(
        warsaw(3, 25, 23, 30),
        CANCELLED,
        closed=warsaw(3, 26, 0, 10),
        changes=((warsaw(3, 26, 0, 10), NEW, CANCELLED),),
    )
    # 00:30 on the 29th in Warsaw, the night the clocks went forward (the 28th in UTC).
    made.ticket(warsaw(3, 29, 0, 30), NEW)
    # Today, before now: waiting since 11:30.
    made.ticket(warsaw(3, 31, 11), WAITING, changes=((warsaw(3, 31, 11, 30), NEW, WAITING),))
    # After `now`: counts nowhere.
    made.ticket(warsaw(3, 31, 13), NEW)


def test_opened_and_closed_per_warsaw_day(made: Made) -> None:
    _flow_and_backlog_tickets(made)
    flow = Dashboard(made.db).flow(made.supervisor, now=NOW)
    assert [day.day for day in flow] == [
        dt.date(2026, 3, 2) + dt.timedelta(days=offset) for offset in range(30)
    ]
    opened = {day.day.day: day.opened for day in flow if day.opened}
    closed = {day.day.day: day.closed for day in flow if day.closed}
    assert opened == {5: 1, 10: 1, 25: 1, 29: 1, 31: 1}
    assert closed == {20: 1, 26: 1}


def test_the_backlog_walks_back_through_the_recorded_state_changes(made: Made) -> None:
    _flow_and_backlog_tickets(made)
    backlog = Dashboard(made.db).backlog(made.supervisor, now=NOW)
    # Each ticket's state at the end of each day, written out by hand: (first day, last day,
    # state) in March.
    spans = [
        (2, 31, WORKING),
        (10, 11, NEW),
        (12, 14, WORKING),
        (15, 17, WAITING),
        (18, 19, WORKING),
        (5, 5, NEW),
        (8, 31, WORKING),
        (25, 25, NEW),
        (29, 31, NEW),
        (31, 31, WAITING),
    ]
    expected = []
    for day in range(2, 32):
        counts = dict.fromkeys((NEW, WORKING, WAITING), 0)
        for first, last, state in spans:
            if first <= day <= last:
                counts[state] += 1
        expected.append(
            DayBacklog(dt.date(2026, 3, day), counts[NEW], counts[WORKING], counts[WAITING])
        )
    assert backlog == expected
    assert backlog[-1].total == 4


def test_the_backlog_of_a_past_period_and_a_changed_now(made: Made) -> None:
    _flow_and_backlog_tickets(made)
    dashboard = Dashboard(made.db)
    period = Period(dt.date(2026, 3, 14), dt.date(2026, 3, 16))
    backlog = dashboard.backlog(made.supervisor, period, now=NOW)
    assert [(b.new, b.in_progress, b.waiting_for_customer) for b in backlog] == [
        (0, 3, 0),
        (0, 2, 1),
        (0, 2, 1),
    ]
    # Seen on the 12th at noon, the period is cut to that day, and later changes are undone.
    earlier = warsaw(3, 12, 12)
    backlog = dashboard.backlog(
        made.supervisor, Period(dt.date(2026, 3, 11), dt.date(2026, 3, 31)), now=earlier
    )
    assert [(b.day.day, b.new, b.in_progress) for b in backlog] == [(11, 1, 2), (12, 0, 3)]


def _target_tickets(made: Made, db: Database) -> tuple[str, str]:
    service = AgentService(db)
    service.add(made.admin, login="anna.nowak", display_name="Anna Nowak", role=Role.AGENT)
    service.add(made.admin, login="bob", display_name="=Bob", role=Role.AGENT)
    anna, bob = service.resolve("anna.nowak").id, service.resolve("bob").id
    with db.sessions() as session:
        levels = {level.name: level.id for level in session.scalars(select(ServiceLevel))}
    past, future = NOW - dt.timedelta(hours=1), NOW + dt.timedelta(hours=1)
    opened = warsaw(3, 20, 9)

    def ticket(
        level: str | None, assignee: int | None, state: TicketState, **values: object
    ) -> None:
        made.ticket(
            values.pop("opened", opened),
            state,
            closed=None if state.is_open else NOW - dt.timedelta(hours=2),
            sla_level_id=levels[level] if level else None,
            assignee_id=assignee,
            response_target_minutes=60 if level else None,
            resolution_target_minutes=480 if level else None,
            **values,
        )

    # Met both.
    ticket("24x7", anna, CLOSED, response_met=True, resolution_met=True)
    # Answered late; its resolution still running.
    ticket("24x7", anna, WORKING, response_met=False, resolution_due_at=future)
    # Open, unanswered, both dues past: both breached though not decided yet.
    ticket("8x5", None, NEW, response_due_at=past, resolution_due_at=past)
    # Open, unanswered, both dues ahead: running.
    ticket("8x5", None, NEW, response_due_at=future, resolution_due_at=future)
    # Waiting for the customer: the clock is held (no dues): running, not breached.
    ticket("8x5", bob, WAITING, first_response_at=past, response_met=True)
    # Cancelled without a reply before its due: neither.
    ticket("8x5", anna, CANCELLED)
    # NBD: answered in time, closed late.
    ticket("NBD", bob, CLOSED, response_met=True, resolution_met=False)
    # Opened before the period, and one without a level: not counted.
    ticket("24x7", anna, CLOSED, response_met=False, resolution_met=False, opened=warsaw(2, 1, 9))
    ticket(None, anna, NEW, response_due_at=past)
    return "Anna Nowak", "=Bob"


def test_targets_met_and_breached_by_level_and_by_agent(made: Made, db: Database) -> None:
    anna, bob = _target_tickets(made, db)
    dashboard = Dashboard(db)
    assert dashboard.by_level(made.supervisor, now=NOW) == [
        TargetRow("24x7", Tally(met=1, breached=1), Tally(met=1, running=1)),
        TargetRow("8x5", Tally(met=1, breached=1, running=1), Tally(breached=1, running=2)),
        TargetRow("NBD", Tally(met=1), Tally(breached=1)),
    ]
    assert dashboard.by_agent(made.supervisor, now=NOW) == [
        TargetRow(bob, Tally(met=2), Tally(breached=1, running=1)),
        TargetRow(anna, Tally(met=1, breached=1), Tally(met=1, running=1)),
        TargetRow(None, Tally(breached=1, running=1), Tally(breached=1, running=1)),
    ]
    # An hour later the running response due has passed too.
    later = dashboard.by_level(made.supervisor, now=NOW + dt.timedelta(hours=2))
    assert later[1] == TargetRow("8x5", Tally(met=1, breached=2), Tally(breached=2, running=1))


def test_the_csv_files_hold_each_charts_data_and_no_formula(made: Made, db: Database) -> None:
    _flow_and_backlog_tickets(made)
    _target_tickets(made, db)
    figures = Dashboard(db).figures(made.supervisor, now=NOW)
    out = io.StringIO()
    write_flow_csv(figures.flow, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["day", "opened", "closed"]
    assert ["2026-03-20", "8", "1"] in rows
    out = io.StringIO()
    write_backlog_csv(figures.backlog, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["day", "new", "in_progress", "waiting_for_customer", "total"]
    assert rows[-1] == ["2026-03-31", "4", "3", "2", "9"]
    out = io.StringIO()
    write_targets_csv(figures.by_agent, "agent", out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][0] == "agent"
    assert rows[1][0] == "'=Bob"
    assert rows[-1][0] == ""


def test_the_period_is_checked_and_cut_at_today(made: Made) -> None:
    dashboard = Dashboard(made.db)
    period = dashboard.period(NOW, dt.date(2026, 3, 30), dt.date(2026, 4, 10))
    assert period == Period(dt.date(2026, 3, 30), dt.date(2026, 3, 31))
    with pytest.raises(DashboardPeriodError) as backwards:
        dashboard.period(NOW, dt.date(2026, 3, 30), dt.date(2026, 3, 1))
    assert coded_error_text(backwards.value) == (
        "Choose a period from 2026-03-30 to 2026-03-01 that runs forward and spans at most 92 days"
    )
    with pytest.raises(DashboardPeriodError):
        dashboard.period(NOW, dt.date(2025, 1, 1), dt.date(2026, 3, 31))


def test_only_supervisors_and_administrators_read_the_dashboard(
    made: Made, admin: Actor, agent: Actor
) -> None:
    dashboard = Dashboard(made.db)
    assert len(dashboard.figures(admin, now=NOW).flow) == 30
    with pytest.raises(PermissionDeniedError, match="supervisor"):
        dashboard.figures(agent, now=NOW)
    with pytest.raises(PermissionDeniedError):
        dashboard.backlog(agent, now=NOW)


def test_the_command_line_writes_the_four_csv_files(
    made: Made, capsys: pytest.CaptureFixture[str], agent_password: str, tmp_path: Path
) -> None:
    _flow_and_backlog_tickets(made)
    AgentService(made.db).add(
        made.admin,
        login="ola.szef",
        display_name="Ola Szef",
        role=Role.SUPERVISOR,
        password=agent_password,
    )
    url = made.db.url.render_as_string(hide_password=False)
    folder = tmp_path / "out"
    arguments = ["dashboard", "--csv", str(folder), "--from", "2026-03-02", "--to", "2026-03-31"]
    code = main([*arguments, "--agent", "ola.szef", "--database", url, "--json"])
    assert code == 0
    written = json.loads(capsys.readouterr().out)
    assert written["first_day"] == "2026-03-02"
    assert sorted(path.name for path in folder.iterdir()) == [
        "backlog.csv",
        "opened_closed.csv",
        "targets_by_agent.csv",
        "targets_by_level.csv",
    ]
    with (folder / "backlog.csv").open(encoding="utf-8") as file:
        rows = list(csv.reader(file))
    # Seen today, the ticket opened at 13:00 on the 31st is in the backlog of that day too.
    assert rows[-1] == ["2026-03-31", "2", "2", "1", "5"]
    with (folder / "opened_closed.csv").open(encoding="utf-8") as file:
        assert sum(int(row[1]) for row in list(csv.reader(file))[1:]) == 6
    code = main([*arguments, "--agent", "admin", "--database", url, "--from", "2026-04-01"])
    assert code == 2
    assert "runs forward" in capsys.readouterr().err
