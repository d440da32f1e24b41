"""A ticket's dues in the database: copied targets, dues, pauses, met flags, and their history.

The one owner of the ticket columns of revision 0013 (`sla_level_id` … `next_due_at`) and of
`ticket_pauses`. Everything here comes down to one pure step, `settling.settle`: a ticket's copied
targets, its state, opening, closing, first reply and pauses → its dues (through
`levels.compute_dues`, the desk's one due computation), its met flags and the due its list
counts down to. The ticket service, the review's re-link, the importer, the demo data and
revision 0013's backfill all call it, so a ticket's dues are the same whoever wrote them.

The lifecycle (DOMAIN.md, *Service levels*):

- Opening copies the targets of the ticket's level for its priority: the level of its service
  when the service's contract is active (a service without a level: the product rule's), else
  the built-in "none" level. Later changes of the level do not move them unless a supervisor
  recomputes (`recompute_level`).
- Waiting for the customer holds the clock: entering the state opens a `ticket_pauses` row,
  leaving it ends the row. While it waits `next_due_at` is NULL and a due not yet reached is
  NULL too (`clock.due_instant` cannot know it before the pause ends).
- The first reply to the customer decides `response_met` (`first_response_at <= due`); the
  list then counts down to the resolution due.
- Closing or cancelling stops the clock at `closed_at`: a pause still open counts as ended
  there, so the dues are instants again and stay as they were; closing decides
  `resolution_met`, and without any reply `response_met` is false when the response due had
  passed (else it stays NULL). Cancelling decides no resolution.
- Reopening (a closed or cancelled ticket made open again) resumes the clock: the closed
  interval counts as a pause (a `ticket_pauses` row from `closed_at` to the reopening), so
  the time it lay closed is not held against the desk; the met flags not decided by a reply
  are undecided again until the next closing.
- A change of priority or service copies the targets again (the ticket's level at the new
  priority; the new service's level) and recomputes.

Every change to a ticket's dues writes one audit entry `ticket.dues_changed` with a reason
code (`DuesReason`), the dues before and after and the met flags, which the ticket's history
words in the desk's language (`hezo_desk/wording.py`). Opening writes one ("opened"), a first
reply one ("responded"), a state or priority change one each; a change that leaves the dues
as they were writes none. The revision's backfill writes none (the revision is the change).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import ContractState, Priority, Role, TicketState
from hezo_desk.errors import LevelProblem, NotFoundError, ServiceLevelRefusedError
from hezo_desk.models import (
    Service,
    ServiceContract,
    Ticket,
    TicketPause,
    utcnow,
)
from hezo_desk.models import ServiceLevel as LevelRow
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.service_levels import levels
from hezo_desk.services.service_levels.clock import Pause
from hezo_desk.services.service_levels.settling import (
    HELD_STATES,
    STOPPED_STATES,
    Settled,
    Targets,
    settle,
    target_of,
    targets_for,
)

# The rule key of each built-in level, by the name `levels` gives it.
RULE_KEYS: Mapping[str, str] = MappingProxyType(
    {
        levels.TWENTY_FOUR_SEVEN.name: "24x7",
        levels.EIGHT_FIVE.name: "8x5",
        levels.NBD.name: "nbd",
        levels.NO_SERVICE.name: "none",
    }
)
NO_SERVICE_RULE = "none"


class DuesReason(enum.StrEnum):
    """Why a ticket's dues changed (the `reason` of a `ticket.dues_changed` entry)."""

    OPENED = "opened"
    PAUSED = "paused"
    RESUMED = "resumed"
    RESPONDED = "responded"
    STOPPED = "stopped"
    REOPENED = "reopened"
    PRIORITY_CHANGED = "priority_changed"
    SERVICE_CHANGED = "service_changed"
    RECOMPUTED = "recomputed"
    MIGRATED = "migrated"


# ----- levels in the database ---------------------------------------------------------------


def level_from_row(row: LevelRow) -> levels.ServiceLevel:
    """A level as the database keeps it, as the pure `levels.ServiceLevel` (no target: None)."""
    response: dict[Priority, levels.Target] = dict.fromkeys(Priority)
    resolution: dict[Priority, levels.Target] = dict.fromkeys(Priority)
    for target in row.targets:
        response[target.priority] = target_of(
            target.response_minutes, target.response_next_business_day
        )
        resolution[target.priority] = target_of(
            target.resolution_minutes, target.resolution_next_business_day
        )
    return levels.ServiceLevel(
        name=row.name,
        calendar=row.calendar,
        response=MappingProxyType(response),
        resolution=MappingProxyType(resolution),
    )


def read_level(session: Session, level_id: int) -> levels.ServiceLevel:
    row = session.get(LevelRow, level_id)
    if row is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no service level with id %1"), level_id)
    return level_from_row(row)


def level_id_by_name(session: Session, name: str) -> int:
    """A level's id from its name, whatever the letter case."""
    folded = name.strip().casefold()
    for level_id, level_name in session.execute(select(LevelRow.id, LevelRow.name)):
        if level_name.casefold() == folded:
            return level_id
    raise ServiceLevelRefusedError(LevelProblem.NO_SUCH_LEVEL, name.strip())


def rule_level_ids(session: Session) -> dict[str, int]:
    """The built-in levels' ids by rule key ('24x7', 'nbd', '8x5', 'none')."""
    return {
        key: level_id
        for level_id, key in session.execute(
            select(LevelRow.id, LevelRow.rule_key).where(LevelRow.rule_key.is_not(None))
        )
        if key is not None
    }


def product_rule_key(product: str | None) -> str:
    """The rule key of the level a product gets (None: no active service)."""
    return RULE_KEYS[levels.default_level(product).name]


def ticket_level_id(session: Session, service_id: int | None) -> int:
    """The level a ticket on `service_id` is served on: its service's when the service's
    contract is active (a service without a level: the product rule's), else "none"."""
    rules = rule_level_ids(session)
    if service_id is not None:
        found = session.execute(
            select(Service.service_level_id, Service.product, ServiceContract.state)
            .join(ServiceContract, ServiceContract.id == Service.contract_id)
            .where(Service.id == service_id)
        ).one_or_none()
        if found is not None and found.state is ContractState.ACTIVE:
            return found.service_level_id or rules[product_rule_key(found.product)]
    return rules[NO_SERVICE_RULE]


def copied_targets(ticket: Ticket) -> Targets | None:
    """The targets a ticket carries; None for a ticket that has none yet."""
    if ticket.sla_calendar is None:
        return None
    return Targets(
        ticket.sla_level_id,
        ticket.sla_calendar,
        target_of(ticket.response_target_minutes, ticket.response_target_nbd),
        target_of(ticket.resolution_target_minutes, ticket.resolution_target_nbd),
    )


def ticket_pauses(session: Session, ticket_id: int) -> list[Pause]:
    """The ticket's pauses, those changed or added in this session and not yet flushed too."""
    return sorted(
        (Pause(row.started_at, row.ended_at) for row in _pause_rows(session, ticket_id)),
        key=lambda pause: pause.start,
    )


def _pause_rows(session: Session, ticket_id: int) -> list[TicketPause]:
    # Read without flushing: one change of a ticket is flushed once, at its end (one version).
    with session.no_autoflush:
        stored = list(
            session.scalars(select(TicketPause).where(TicketPause.ticket_id == ticket_id))
        )
    pending = [
        row
        for row in session.new
        if isinstance(row, TicketPause) and row.ticket_id == ticket_id and row not in stored
    ]
    return stored + pending


# ----- the lifecycle ------------------------------------------------------------------------


def start_clock(session: Session, actor: Actor | None, ticket: Ticket, now: dt.datetime) -> None:
    """A ticket just opened (flushed, with its id): copy its level's targets, set its dues.

    Written past the ORM, so that the ticket starts at version 1 as it always has.
    """
    with session.no_autoflush:
        level_id = ticket_level_id(session, ticket.service_id)
        targets = targets_for(level_id, read_level(session, level_id), ticket.priority)
        _write(
            session, actor, ticket, DuesReason.OPENED, now, targets=targets, opened=True, quiet=True
        )


def state_changed(
    session: Session,
    actor: Actor | None,
    ticket: Ticket,
    old_state: TicketState,
    old_closed_at: dt.datetime | None,
    now: dt.datetime,
) -> None:
    """The ticket's state moved from `old_state` (closed at `old_closed_at`) to its state now:
    hold, resume, stop or restart its clock."""
    new_state = ticket.state
    if new_state is old_state:
        return
    with session.no_autoflush:
        _hold_or_resume(session, actor, ticket, old_state, old_closed_at, now)


def _hold_or_resume(
    session: Session,
    actor: Actor | None,
    ticket: Ticket,
    old_state: TicketState,
    old_closed_at: dt.datetime | None,
    now: dt.datetime,
) -> None:
    new_state = ticket.state
    opened = [row for row in _pause_rows(session, ticket.id) if row.ended_at is None]
    was_stopped = old_state in STOPPED_STATES
    if new_state is TicketState.WAITING_FOR_CUSTOMER and not opened:
        # Waiting from a running state starts now; from a closed one, where it stopped.
        begins = old_closed_at if was_stopped and old_closed_at is not None else now
        session.add(TicketPause(ticket_id=ticket.id, started_at=min(begins, now)))
    elif new_state not in HELD_STATES:
        for pause in opened:
            pause.ended_at = max(pause.started_at, now)
        if was_stopped and not opened and old_closed_at is not None:
            # The time it lay closed does not count.
            session.add(
                TicketPause(ticket_id=ticket.id, started_at=min(old_closed_at, now), ended_at=now)
            )
    if new_state in STOPPED_STATES:
        reason = DuesReason.STOPPED
    elif was_stopped:
        reason = DuesReason.REOPENED
    elif new_state is TicketState.WAITING_FOR_CUSTOMER:
        reason = DuesReason.PAUSED
    else:
        reason = DuesReason.RESUMED
    _write(session, actor, ticket, reason, now)


def replied(session: Session, actor: Actor | None, ticket: Ticket, at: dt.datetime) -> None:
    """An agent replied to the customer at `at`: the first reply meets the response target."""
    if ticket.first_response_at is not None:
        return
    # Replies never bump the ticket's version (they never conflict): written past the ORM.
    with session.no_autoflush:
        _write(session, actor, ticket, DuesReason.RESPONDED, at, first_response_at=at, quiet=True)


def priority_changed(
    session: Session, actor: Actor | None, ticket: Ticket, now: dt.datetime
) -> None:
    """The ticket's priority changed: its level's targets at the new priority."""
    with session.no_autoflush:
        level_id = ticket.sla_level_id or ticket_level_id(session, ticket.service_id)
        targets = targets_for(level_id, read_level(session, level_id), ticket.priority)
        _write(session, actor, ticket, DuesReason.PRIORITY_CHANGED, now, targets=targets)


def service_changed(
    session: Session, actor: Actor | None, ticket: Ticket, now: dt.datetime
) -> None:
    """The ticket moved to another service (or none): the new service's level's targets."""
    with session.no_autoflush:
        level_id = ticket_level_id(session, ticket.service_id)
        targets = targets_for(level_id, read_level(session, level_id), ticket.priority)
        _write(session, actor, ticket, DuesReason.SERVICE_CHANGED, now, targets=targets)


def _write(
    session: Session,
    actor: Actor | None,
    ticket: Ticket,
    reason: DuesReason,
    now: dt.datetime,
    *,
    targets: Targets | None = None,
    opened: bool = False,
    first_response_at: dt.datetime | None = None,
    quiet: bool = False,
) -> bool:
    """Settle the ticket again (with `targets`, else its own) and audit a change of its dues.

    Whether anything changed. Opening is always recorded (one entry, "opened"). `quiet`:
    written with a plain UPDATE that leaves the ticket's version as it is.
    """
    before_targets = copied_targets(ticket)
    targets = targets or before_targets
    if targets is None:
        # A ticket written around the desk without targets: copy its level's now.
        level_id = ticket_level_id(session, ticket.service_id)
        targets = targets_for(level_id, read_level(session, level_id), ticket.priority)
    before = _settled_of(ticket)
    after = settle(
        targets,
        ticket.state,
        ticket.opened_at,
        closed_at=ticket.closed_at,
        first_response_at=first_response_at or ticket.first_response_at,
        pauses=ticket_pauses(session, ticket.id),
    )
    values = {**targets.columns(), **after.columns()}
    if first_response_at is not None:
        values["first_response_at"] = first_response_at
    if quiet:
        session.execute(
            update(Ticket)
            .where(Ticket.id == ticket.id)
            .values(**values)
            # The ticket in the session takes the values too, without a change to flush.
            .execution_options(synchronize_session="evaluate")
        )
    else:
        for column, value in values.items():
            if getattr(ticket, column) != value:
                setattr(ticket, column, value)
    changed = opened or before != after or before_targets != targets
    if changed:
        record_dues_change(session, actor, ticket.id, ticket.number, reason, before, after, at=now)
    return changed


def _settled_of(ticket: Ticket) -> Settled:
    return Settled(
        ticket.response_due_at,
        ticket.resolution_due_at,
        ticket.response_met,
        ticket.resolution_met,
        ticket.next_due_at,
    )


def dues_details(reason: DuesReason, before: Settled | None, after: Settled) -> dict[str, Any]:
    """The details of a `ticket.dues_changed` entry (instants as ISO text, UTC)."""

    def dues(settled: Settled | None) -> dict[str, str | None] | None:
        if settled is None:
            return None
        return {
            "response_due": _iso(settled.response_due),
            "resolution_due": _iso(settled.resolution_due),
            "next_due": _iso(settled.next_due),
        }

    return {
        "reason": reason.value,
        "from": dues(before),
        "to": dues(after),
        "response_met": after.response_met,
        "resolution_met": after.resolution_met,
    }


def dues_summary(number: str, reason: DuesReason, after: Settled) -> str:
    """The log's plain summary (the history words it from the details, in the desk's language)."""
    return (
        f"{number}: dues {reason.value}: response {_iso(after.response_due) or '-'}, "
        f"resolution {_iso(after.resolution_due) or '-'}, next {_iso(after.next_due) or '-'}"
    )


def record_dues_change(
    session: Session,
    actor: Actor | None,
    ticket_id: int,
    number: str,
    reason: DuesReason,
    before: Settled | None,
    after: Settled,
    *,
    at: dt.datetime,
) -> None:
    audit.record(
        session,
        actor,
        AuditAction.TICKET_DUES_CHANGED,
        dues_summary(number, reason, after),
        ticket_id=ticket_id,
        details=dues_details(reason, before, after),
        at=at,
    )


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.UTC).isoformat()


# ----- bulk: tickets written a batch at a time ----------------------------------------------


@dataclass(frozen=True)
class BulkTicket:
    """What a batch writer (importer, demo data) knows of a ticket before inserting it."""

    service_id: int | None
    priority: Priority
    state: TicketState
    opened_at: dt.datetime
    closed_at: dt.datetime | None = None
    first_response_at: dt.datetime | None = None
    # When it began waiting for the customer (a waiting ticket's pause, still open).
    waiting_since: dt.datetime | None = None
    # Its level when the writer knows it (`BulkDues.service_level`); else read by service.
    level_id: int | None = None


class BulkDues:
    """Dues for tickets written in bulk: the levels read once, every ticket through `settle`."""

    def __init__(self, session: Session) -> None:
        self._rules = rule_level_ids(session)
        self._levels = {row.id: level_from_row(row) for row in session.scalars(select(LevelRow))}
        self._service_levels: dict[int, int] = {}
        self._session = session

    def learn_services(self, service_ids: Iterable[int | None]) -> None:
        """Read the levels of these services (those active on an active contract)."""
        wanted = sorted({s for s in service_ids if s is not None} - set(self._service_levels))
        for start in range(0, len(wanted), 500):
            for service_id, level_id, product, state in self._session.execute(
                select(Service.id, Service.service_level_id, Service.product, ServiceContract.state)
                .join(ServiceContract, ServiceContract.id == Service.contract_id)
                .where(Service.id.in_(wanted[start : start + 500]))
            ):
                if state is ContractState.ACTIVE:
                    self._service_levels[service_id] = (
                        level_id or self._rules[product_rule_key(product)]
                    )
                else:
                    self._service_levels[service_id] = self._rules[NO_SERVICE_RULE]

    def service_level(self, service_id: int | None, *, active: bool, level_id: int | None) -> int:
        """The level of a ticket on a service the writer knows: its `level_id` (None: by the
        product rule, which the writer then has set) when its contract is `active`."""
        if service_id is None or not active or level_id is None:
            return self._rules[NO_SERVICE_RULE]
        return level_id

    def columns(self, ticket: BulkTicket) -> tuple[dict[str, Any], Settled]:
        """The dues columns of one ticket, and what they settle to."""
        level_id = ticket.level_id
        if level_id is None:
            if ticket.service_id is not None and ticket.service_id not in self._service_levels:
                self.learn_services([ticket.service_id])
            level_id = (
                self._service_levels[ticket.service_id]
                if ticket.service_id is not None
                else self._rules[NO_SERVICE_RULE]
            )
        targets = targets_for(level_id, self._levels[level_id], ticket.priority)
        pauses = (
            [Pause(ticket.waiting_since, None)]
            if ticket.waiting_since is not None and ticket.state is TicketState.WAITING_FOR_CUSTOMER
            else []
        )
        settled = settle(
            targets,
            ticket.state,
            ticket.opened_at,
            closed_at=ticket.closed_at,
            first_response_at=ticket.first_response_at,
            pauses=pauses,
        )
        return {
            **targets.columns(),
            **settled.columns(),
            "first_response_at": ticket.first_response_at,
        }, settled


# ----- recomputing after a supervisor changed a level ---------------------------------------


RECOMPUTE_CHUNK = 500


def recompute_level_tickets(
    session: Session,
    actor: Actor | None,
    level_id: int,
    now: dt.datetime,
    *,
    after_id: int = 0,
    limit: int = RECOMPUTE_CHUNK,
) -> tuple[int, int, int | None]:
    """One chunk of `recompute_level`: the open tickets of the level with ids above
    `after_id`, their targets copied again from the level as it is now.

    (tickets looked at, tickets whose dues changed, the last id looked at or None when done).
    """
    level = read_level(session, level_id)
    tickets = list(
        session.scalars(
            select(Ticket)
            .where(
                Ticket.sla_level_id == level_id,
                Ticket.state.not_in(list(STOPPED_STATES)),
                Ticket.id > after_id,
            )
            .order_by(Ticket.id)
            .limit(limit)
        )
    )
    changed = 0
    for ticket in tickets:
        targets = targets_for(level_id, level, ticket.priority)
        # Past the ORM: a recompute is no edit of the ticket and conflicts with none.
        if _write(session, actor, ticket, DuesReason.RECOMPUTED, now, targets=targets, quiet=True):
            changed += 1
    session.flush()
    last = tickets[-1].id if len(tickets) == limit else None
    return len(tickets), changed, last


@dataclass(frozen=True)
class Recomputed:
    """What `recompute_level` did: the level's name, the open tickets looked at and changed."""

    level: str
    tickets: int
    changed: int


RECOMPUTE_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)


def recompute_level(
    db: Database,
    actor: Actor,
    name: str,
    *,
    now: dt.datetime | None = None,
    chunk: int = RECOMPUTE_CHUNK,
) -> Recomputed:
    """A supervisor changed a level's targets and chose to recompute: every open ticket on it
    copies the level's targets again and gets its dues anew, a chunk per transaction, each
    ticket whose dues changed audited (`recomputed`). Closed and cancelled tickets keep theirs.
    """
    require_role(
        actor, RECOMPUTE_ROLES, QT_TRANSLATE_NOOP("Errors", "recompute the dues of a service level")
    )
    moment = now or utcnow()
    with db.sessions() as session:
        level_id = level_id_by_name(session, name)
        level_name = session.get_one(LevelRow, level_id).name
    looked = changed = 0
    after: int | None = 0
    while after is not None:
        with db.transaction() as session:
            count, altered, after = recompute_level_tickets(
                session, actor, level_id, moment, after_id=after, limit=chunk
            )
        looked += count
        changed += altered
    return Recomputed(level_name, looked, changed)
