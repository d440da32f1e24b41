"""The right to erasure (RODO art. 17) that keeps the case history.

Anonymising a contact replaces their name, e-mail and phone wherever the desk stores them
(`stores.ERASURE_STEPS`, in one transaction), then rewrites the full-text index and the
SQLite file (`search_index`) and the local drafts. Tickets, subjects and the rest of the
dialogue stay; the person is "Osoba zanonimizowana n" / "Anonymised person n" from then on,
n handed out once per person. Refused while the person has an open ticket, unless a
supervisor overrides it with a reason. The act is audited without the erased data.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.drafts import rewrite_drafts
from hezo_desk.enums import OPEN_TICKET_STATES, Language, Role
from hezo_desk.errors import NotFoundError, PermissionDeniedError, UserError
from hezo_desk.models import Contact, Customer, Message, Ticket
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.counters import next_counter
from hezo_desk.services.normalize import printable_line
from hezo_desk.services.personal_data.contacts import resolve_contact
from hezo_desk.services.personal_data.holders import other_holders
from hezo_desk.services.personal_data.search_index import SearchScrub, scrub_search_index
from hezo_desk.services.personal_data.stores import (
    ERASURE_STEPS,
    ErasureScope,
    attachments_holding,
    matching,
)
from hezo_desk.services.personal_data.values import PersonalValues

ANONYMISED_COUNTER = "anonymised_person"
# DOMAIN.md: how an anonymised person appears, in the person's language.
ANONYMISED_LABELS = {
    Language.POLISH: "Osoba zanonimizowana",
    Language.ENGLISH: "Anonymised person",
}
ERASERS = (Role.AGENT, Role.BACK_OFFICE, Role.SUPERVISOR, Role.ADMINISTRATOR)
OVERRIDERS = (Role.SUPERVISOR,)
MAX_REASON_LENGTH = 1000
# A surname shorter than this is not redacted on its own (it would hit ordinary words).
MIN_SIGNATURE_LENGTH = 3


def anonymised_label(language: Language, number: int) -> str:
    return f"{ANONYMISED_LABELS[language]} {number}"


def anonymised_email(number: int) -> str:
    # `.invalid` is reserved (RFC 2606): no mail can ever go there.
    return f"anonymised-{number}@anonymised.invalid"


class ErasureRefusedError(UserError):
    """The person has open tickets and no supervisor overrode that with a reason."""

    def __init__(self, contact_id: int, open_tickets: tuple[str, ...]) -> None:
        self.contact_id = contact_id
        self.open_tickets = open_tickets
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Errors",
                "contact %1 has open tickets (%2): close them first, or a supervisor overrides "
                "this with a reason (--override-reason)",
            ),
            contact_id,
            ", ".join(open_tickets),
        )


class AlreadyAnonymisedError(UserError):
    def __init__(self, contact_id: int, number: int) -> None:
        self.contact_id = contact_id
        self.number = number
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", "contact %1 is already anonymised (person %2)"),
            contact_id,
            number,
        )


@dataclass(frozen=True)
class ErasurePreview:
    """What the confirmation shows before an erasure (the person's data is shown by the
    screen that offers the action, not repeated here)."""

    contact_id: int
    customer_name: str
    tickets: int
    open_tickets: tuple[str, ...]
    anonymised_number: int | None


@dataclass(frozen=True)
class ErasureOutcome:
    contact_id: int
    anonymised_number: int
    label: str
    # Per store (`stores.ERASURE_STEPS`, then "drafts"): rows or files changed.
    changed: dict[str, int]
    tickets_touched: int
    overridden_open_tickets: tuple[str, ...]
    search: SearchScrub | None


class ErasureService:
    def __init__(self, db: Database, drafts: Path | None = None) -> None:
        self._db = db
        # The desk's local drafts (all databases' under the folder); None: none on this side.
        self._drafts = drafts

    def resolve(self, text: str) -> int:
        with self._db.sessions() as session:
            return resolve_contact(session, text).id

    def preview(self, contact_id: int) -> ErasurePreview:
        with self._db.sessions() as session:
            contact = _contact(session, contact_id)
            customer_name = session.scalar(
                select(Customer.name).where(Customer.id == contact.customer_id)
            )
            return ErasurePreview(
                contact_id=contact_id,
                customer_name=customer_name or "",
                tickets=len(_own_tickets(session, contact_id)),
                open_tickets=_open_tickets(session, contact_id),
                anonymised_number=contact.anonymised_number,
            )

    def erase(
        self,
        actor: Actor,
        contact_id: int,
        *,
        override_reason: str | None = None,
        scrub_search: bool = True,
    ) -> ErasureOutcome:
        """Anonymise the contact; `scrub_search=False` leaves the index rewrite to the caller
        (retention erases many, then rewrites once)."""
        require_role(actor, ERASERS, QT_TRANSLATE_NOOP("Errors", "erase a person's data"))
        reason = printable_line(override_reason or "")[:MAX_REASON_LENGTH]
        with self._db.long_statements(), self._db.sessions() as session:
            # Read before the write lock: every file of the desk, the slow part.
            found_files = attachments_holding(session, person_values(_contact(session, contact_id)))
        with self._db.long_statements(), self._db.transaction() as session:
            contact = _contact(session, contact_id)
            if contact.anonymised_number is not None:
                raise AlreadyAnonymisedError(contact_id, contact.anonymised_number)
            open_tickets = _open_tickets(session, contact_id)
            if open_tickets:
                if not reason:
                    raise ErasureRefusedError(contact_id, open_tickets)
                if actor.role not in OVERRIDERS:
                    raise PermissionDeniedError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "%1 (%2) may not erase the data of a person with open tickets; that "
                            "needs a supervisor",
                        ),
                        actor.login,
                        actor.role,
                    )
            number = next_counter(session, ANONYMISED_COUNTER)
            label = anonymised_label(contact.language, number)
            values = person_values(contact)
            scope = ErasureScope(
                session=session,
                contact_id=contact_id,
                actor=actor,
                label=label,
                values=values,
                signature=_signature(contact),
                own_ticket_ids=_own_tickets(session, contact_id, values),
                found_attachment_ids=found_files,
                anonymised_email=anonymised_email(number),
                others=other_holders(session, values, but=contact_id),
            )
            changed = {name: step(scope) for name, step in ERASURE_STEPS}
            audit.record(
                session,
                actor,
                AuditAction.CONTACT_ANONYMISED,
                f"anonymised contact {contact_id} as person {number}"
                + (f" despite open tickets {', '.join(open_tickets)}" if open_tickets else ""),
                subject=("contact", contact_id),
                details={
                    "contact_id": contact_id,
                    "customer_id": contact.customer_id,
                    "anonymised_number": number,
                    "changed": changed,
                    "tickets_touched": sorted(scope.touched_ticket_ids),
                    "redacted_rows": scope.redacted_rows,
                    "open_tickets": list(open_tickets),
                    # Typed by a supervisor: it may name the person too.
                    "override_reason": values.redact(reason, label) or None,
                },
            )
        if self._drafts is not None:
            changed["drafts"] = rewrite_drafts(self._drafts, scope.redact)
        search = None
        if scrub_search:
            try:
                search = scrub_search_index(self._db)
            except sqlite3.OperationalError:
                # Committed above; only the rewrite waited in vain for another writer. The
                # next erasure or retention run rewrites the index; the proof shows it meanwhile.
                search = SearchScrub(rewritten=False, journal_truncated=False)
        return ErasureOutcome(
            contact_id=contact_id,
            anonymised_number=number,
            label=label,
            changed=changed,
            tickets_touched=len(scope.touched_ticket_ids),
            overridden_open_tickets=open_tickets,
            search=search,
        )


def person_values(contact: Contact) -> PersonalValues:
    """What identifies the person: their full name, e-mail and phone as the desk holds them."""
    name = " ".join(f"{contact.first_name} {contact.last_name}".split())
    return PersonalValues(
        names=(name,) if name else (),
        emails=(contact.email,) if contact.email else (),
        phones=(contact.phone,) if contact.phone else (),
    )


def _signature(contact: Contact) -> PersonalValues:
    last = " ".join(contact.last_name.split())
    first = contact.first_name.strip()
    if len(last) < MIN_SIGNATURE_LENGTH:
        return PersonalValues()
    names = [last]
    if first:
        names.append(f"{first[0]}. {last}")
    return PersonalValues(names=tuple(names))


def _contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no contact with the id %1"), contact_id)
    return contact


def _own_tickets(
    session: Session, contact_id: int, values: PersonalValues | None = None
) -> set[int]:
    """The tickets the person raised or wrote in (a legacy dialogue names its authors only:
    a message whose author is the person's name counts too)."""
    query = union(
        select(Ticket.id).where(Ticket.contact_id == contact_id),
        select(Message.ticket_id).where(Message.author_contact_id == contact_id),
    )
    tickets = set(session.scalars(select(query.subquery().c[0])))
    if values is not None and values.names:
        named = session.execute(
            select(Message.ticket_id, Message.author_name).where(
                Message.author_contact_id.is_(None), matching(Message.author_name, values)
            )
        ).all()
        tickets.update(ticket_id for ticket_id, author in named if values.found_in(author))
    return tickets


def _open_tickets(session: Session, contact_id: int) -> tuple[str, ...]:
    return tuple(
        session.scalars(
            select(Ticket.number)
            .where(Ticket.contact_id == contact_id, Ticket.state.in_(OPEN_TICKET_STATES))
            .order_by(Ticket.id)
        )
    )
