"""The plain row of one call in the journal, and the select every reader of the journal uses."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from sqlalchemy import ColumnElement, and_, func, literal_column, select
from sqlalchemy.orm import Session, aliased

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.enums import CallDirection, CallState
from hezo_desk.errors import NotFoundError
from hezo_desk.local_time import local_minute
from hezo_desk.models import Agent, Call, CallTicket, Contact, Customer, Ticket
from hezo_desk.services.phones import format_phone
from hezo_desk.services.records import AnyRow, AnySelect

_NUMBERS_SEPARATOR = " "
_FORMULA_STARTS = frozenset("=+-@\t\r")
CSV_COLUMNS = (
    "started",
    "direction",
    "state",
    "number",
    "customer",
    "contact",
    "agent",
    "answered",
    "ended",
    "duration_s",
    "tickets",
    "outcome",
    "called_back_by",
    "called_back",
)


@dataclass(frozen=True)
class CallRecord:
    id: int
    started_at: dt.datetime
    direction: CallDirection
    state: CallState
    # As the phone system sent it; `display` is the E.164 form worded for the agent.
    number: str
    number_e164: str | None
    display: str
    customer_id: int | None
    customer_name: str | None
    contact_id: int | None
    contact_name: str | None
    agent_id: int | None
    agent_name: str | None
    call_id: str | None
    rang_at: dt.datetime | None
    answered_at: dt.datetime | None
    ended_at: dt.datetime | None
    duration_s: int | None
    outcome: str | None
    # The tickets opened or answered during the call, by number.
    ticket_numbers: tuple[str, ...]
    callback_agent_id: int | None
    callback_agent_name: str | None
    callback_claimed_at: dt.datetime | None
    callback_done_at: dt.datetime | None
    version: int

    @property
    def callback_pending(self) -> bool:
        """A missed call nobody has called back yet (claimed or not)."""
        return self.state is CallState.MISSED and self.callback_done_at is None


def missed_condition() -> ColumnElement[bool]:
    """Incoming, ended, never answered: the predicate of the partial index `ix_calls_missed`
    (a constant, not a parameter, so that PostgreSQL matches the index)."""
    return and_(
        Call.direction == literal_column("'in'"),
        Call.answered_at.is_(None),
        Call.ended_at.is_not(None),
    )


def call_state(
    direction: CallDirection, answered_at: dt.datetime | None, ended_at: dt.datetime | None
) -> CallState:
    if answered_at is not None:
        return CallState.LIVE if ended_at is None else CallState.ANSWERED
    if ended_at is None:
        return CallState.RINGING
    return CallState.MISSED if direction is CallDirection.INBOUND else CallState.NOT_REACHED


def ticket_numbers_of_call(is_sqlite: bool) -> ColumnElement[Any]:
    """The numbers of a call's linked tickets as one text (a correlated subquery)."""
    aggregate = (
        func.group_concat(Ticket.number, _NUMBERS_SEPARATOR)
        if is_sqlite
        else func.string_agg(Ticket.number, _NUMBERS_SEPARATOR)
    )
    return (
        select(aggregate)
        .select_from(CallTicket)
        .join(Ticket, Ticket.id == CallTicket.ticket_id)
        .where(CallTicket.call_id == Call.id)
        .correlate(Call)
        .scalar_subquery()
    )


def call_select(is_sqlite: bool) -> AnySelect:
    """Every call with the names it refers to (not filtered)."""
    agent = aliased(Agent)
    callback_agent = aliased(Agent)
    return (
        select(
            Call,
            Customer.name,
            Contact.first_name,
            Contact.last_name,
            agent.display_name,
            callback_agent.display_name,
            ticket_numbers_of_call(is_sqlite),
        )
        .outerjoin(Customer, Customer.id == Call.customer_id)
        .outerjoin(Contact, Contact.id == Call.contact_id)
        .outerjoin(agent, agent.id == Call.agent_id)
        .outerjoin(callback_agent, callback_agent.id == Call.callback_agent_id)
    )


def make_call_record(row: AnyRow) -> CallRecord:
    call, customer_name, first, last, agent_name, callback_agent_name, numbers = row
    return CallRecord(
        id=call.id,
        started_at=call.started_at,
        direction=call.direction,
        state=call_state(call.direction, call.answered_at, call.ended_at),
        number=call.number,
        number_e164=call.number_e164,
        display=format_phone(call.number_e164) if call.number_e164 else call.number,
        customer_id=call.customer_id,
        customer_name=customer_name,
        contact_id=call.contact_id,
        contact_name=f"{first} {last}" if first is not None else None,
        agent_id=call.agent_id,
        agent_name=agent_name,
        call_id=call.call_id,
        rang_at=call.rang_at,
        answered_at=call.answered_at,
        ended_at=call.ended_at,
        duration_s=call.duration_s,
        outcome=call.outcome,
        ticket_numbers=tuple(sorted(numbers.split(_NUMBERS_SEPARATOR))) if numbers else (),
        callback_agent_id=call.callback_agent_id,
        callback_agent_name=callback_agent_name,
        callback_claimed_at=call.callback_claimed_at,
        callback_done_at=call.callback_done_at,
        version=call.version,
    )


def load_call_record(session: Session, call_id: int, *, is_sqlite: bool) -> CallRecord:
    row = session.execute(call_select(is_sqlite).where(Call.id == call_id)).one_or_none()
    if row is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no call with id %1"), call_id)
    return make_call_record(row)


def spreadsheet_text(value: str | None) -> str:
    """A name or the agent's words, never read as a formula by a spreadsheet: what begins with
    `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's CSV injection).
    Callers' names come from the callers themselves."""
    if not value:
        return ""
    return f"'{value}" if value[0] in _FORMULA_STARTS else value


def write_csv(records: Iterable[CallRecord], out: TextIO) -> int:
    """The journal as CSV (Warsaw time, one call a line); returns the number of calls."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for record in records:
        writer.writerow(
            (
                local_minute(record.started_at),
                record.direction.value,
                record.state.value,
                record.number_e164 or record.number,
                spreadsheet_text(record.customer_name),
                spreadsheet_text(record.contact_name),
                spreadsheet_text(record.agent_name),
                local_minute(record.answered_at),
                local_minute(record.ended_at),
                "" if record.duration_s is None else record.duration_s,
                " ".join(record.ticket_numbers),
                spreadsheet_text(record.outcome),
                spreadsheet_text(record.callback_agent_name),
                local_minute(record.callback_done_at),
            )
        )
        count += 1
    return count
