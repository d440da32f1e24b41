"""Retention: contacts whose tickets were all closed before a date, with no newer activity,
are anonymised (DOMAIN.md: five years; a supervisor runs it, a dry run first).

A contact is due when it is not anonymised yet, raised at least one ticket (decided here:
retention is about the people of closed cases; a contact who never raised one is left to an
erasure on request), every ticket it raised is closed or cancelled before the date, and
nothing of theirs is newer: no ticket changed, no message in their tickets or by them, no
registration or update of the contact, no access decision they asked for, no call with them
(`NEWER_ACTIVITY`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import OPEN_TICKET_STATES, Role
from hezo_desk.errors import UserError
from hezo_desk.local_time import WARSAW
from hezo_desk.models import Call, Contact, Customer, Message, ResellerAccessChange, Ticket
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.personal_data.erasure import ErasureService
from hezo_desk.services.personal_data.search_index import SearchScrub, scrub_search_index

RETENTION_YEARS = 5
RUNNERS = (Role.SUPERVISOR,)


def default_closed_before(today: dt.date) -> dt.date:
    """Five years before `today` (29 February falls back to the 28th)."""
    try:
        return today.replace(year=today.year - RETENTION_YEARS)
    except ValueError:
        return today.replace(year=today.year - RETENTION_YEARS, day=28)


def _instant(day: dt.date) -> dt.datetime:
    """The start of `day` in Warsaw, as the desk's dates are meant."""
    return dt.datetime.combine(day, dt.time(), WARSAW).astimezone(dt.UTC)


def _tickets_newer(since: dt.datetime) -> ColumnElement[bool]:
    return exists().where(
        Ticket.contact_id == Contact.id,
        or_(
            Ticket.state.in_(OPEN_TICKET_STATES),
            Ticket.updated_at >= since,
            func.coalesce(Ticket.closed_at, Ticket.updated_at) >= since,
        ),
    )


def _messages_newer(since: dt.datetime) -> ColumnElement[bool]:
    by_them = exists().where(Message.author_contact_id == Contact.id, Message.created_at >= since)
    in_their_tickets = (
        select(Message.id)
        .join(Ticket, Ticket.id == Message.ticket_id)
        .where(Ticket.contact_id == Contact.id, Message.created_at >= since)
        .exists()
    )
    return or_(by_them, in_their_tickets)


def _registration_newer(since: dt.datetime) -> ColumnElement[bool]:
    return or_(Contact.registered_at >= since, Contact.updated_at >= since)


def _access_decisions_newer(since: dt.datetime) -> ColumnElement[bool]:
    return exists().where(
        ResellerAccessChange.requested_by_contact_id == Contact.id,
        ResellerAccessChange.recorded_at >= since,
    )


def _calls_newer(since: dt.datetime) -> ColumnElement[bool]:
    """A call with them (matched to them, or from or to their phone) is activity."""
    return exists().where(
        or_(
            Call.contact_id == Contact.id,
            (Call.number_e164 == Contact.phone_e164) & Contact.phone_e164.is_not(None),
        ),
        Call.started_at >= since,
    )


# Each: the condition that the contact (`Contact.id` of the outer query) did something at or
# after `since`. A store of activity adds its condition here.
NEWER_ACTIVITY: tuple[Callable[[dt.datetime], ColumnElement[bool]], ...] = (
    _tickets_newer,
    _messages_newer,
    _registration_newer,
    _access_decisions_newer,
    _calls_newer,
)


@dataclass(frozen=True)
class RetentionCandidate:
    """A contact due (no personal data: the company's name and the case counts)."""

    contact_id: int
    customer_id: int
    customer_name: str
    tickets: int
    last_change: dt.datetime


@dataclass(frozen=True)
class RetentionReport:
    closed_before: dt.date
    dry_run: bool
    candidates: tuple[RetentionCandidate, ...]
    # (contact id, the n of its label) for each contact anonymised by this run.
    anonymised: tuple[tuple[int, int], ...] = ()
    # (contact id, why) for a contact that changed between the listing and its erasure.
    skipped: tuple[tuple[int, str], ...] = ()
    search: SearchScrub | None = None


def _due(since: dt.datetime) -> list[ColumnElement[bool]]:
    return [
        Contact.anonymised_number.is_(None),
        exists().where(Ticket.contact_id == Contact.id),
        *(~activity(since) for activity in NEWER_ACTIVITY),
    ]


class RetentionService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def due_count(self, closed_before: dt.date) -> int:
        with self._db.long_statements(), self._db.sessions() as session:
            query = select(func.count(Contact.id)).where(*_due(_instant(closed_before)))
            return int(session.scalar(query) or 0)

    def candidates(self, closed_before: dt.date) -> list[RetentionCandidate]:
        with self._db.long_statements(), self._db.sessions() as session:
            return _candidates(session, closed_before)

    def run(self, actor: Actor, closed_before: dt.date, *, dry_run: bool) -> RetentionReport:
        require_role(
            actor, RUNNERS, QT_TRANSLATE_NOOP("Errors", "run the retention of personal data")
        )
        if closed_before > dt.datetime.now(WARSAW).date():
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "%1 is in the future: retention concerns the past"),
                closed_before,
            )
        candidates = tuple(self.candidates(closed_before))
        if dry_run:
            return RetentionReport(closed_before, True, candidates)
        erasure = ErasureService(self._db)
        anonymised: list[tuple[int, int]] = []
        skipped: list[tuple[int, str]] = []
        for candidate in candidates:
            try:
                outcome = erasure.erase(actor, candidate.contact_id, scrub_search=False)
            except UserError as error:
                skipped.append((candidate.contact_id, str(error)))
                continue
            anonymised.append((candidate.contact_id, outcome.anonymised_number))
        with self._db.transaction() as session:
            audit.record(
                session,
                actor,
                AuditAction.RETENTION_RUN,
                f"retention: {len(anonymised)} contact(s) of tickets closed before "
                f"{closed_before.isoformat()} anonymised",
                details={
                    "closed_before": closed_before.isoformat(),
                    "anonymised": [contact_id for contact_id, _n in anonymised],
                    "skipped": [contact_id for contact_id, _why in skipped],
                },
            )
        search = scrub_search_index(self._db) if anonymised else None
        return RetentionReport(
            closed_before, False, candidates, tuple(anonymised), tuple(skipped), search
        )


def _candidates(session: Session, closed_before: dt.date) -> list[RetentionCandidate]:
    since = _instant(closed_before)
    tickets = (
        select(
            Ticket.contact_id.label("contact_id"),
            func.count(Ticket.id).label("tickets"),
            func.max(Ticket.updated_at).label("last_change"),
        )
        .group_by(Ticket.contact_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Contact.id,
            Contact.customer_id,
            Customer.name,
            tickets.c.tickets,
            tickets.c.last_change,
        )
        .join(Customer, Customer.id == Contact.customer_id)
        .join(tickets, tickets.c.contact_id == Contact.id)
        .where(*_due(since))
        .order_by(Contact.id)
    ).all()
    return [
        RetentionCandidate(
            contact_id=contact_id,
            customer_id=customer_id,
            customer_name=customer_name,
            tickets=int(count),
            last_change=last_change,
        )
        for contact_id, customer_id, customer_name, count, last_change in rows
    ]
