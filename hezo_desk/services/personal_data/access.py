"""The right of access (RODO art. 15): everything the desk holds about one contact person.

`PersonalDataAccessService.report` gathers, in one read, the person's contact data, their
company (name and tax id, as context only: a company is not personal data), the registrations
recorded for them, the tickets they raised, the messages they wrote, the reseller-access
decisions they asked for, the audit entries about them and their calls. `export` writes it as
a machine-readable JSON file and a readable PDF into a folder, both files whole or neither,
and records the export in the audit log without copying any of the personal data into it.

What counts as theirs, and why:
- messages: those recorded with them as author, and customer messages without a linked author
  (legacy dialogues, older desks) whose author's name is theirs, on their company's tickets;
  a namesake at another company is another person;
- access decisions: those recorded with them as requester, and the unlinked ones naming them
  on their company's tickets;
- audit entries: those about their contact record, those naming their contact id in the
  details, those holding their e-mail or phone anywhere, and those holding their name on one
  of their company's tickets.

Only supervisors and administrators export (they read the audit trail, which the export
contains, and answer the data subject's request); agents and back office do not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Text, and_, cast, or_, select
from sqlalchemy.orm import Session, aliased

from hezo_desk.catalogue import QT_TRANSLATE_NOOP, Catalogue
from hezo_desk.db import Database
from hezo_desk.enums import Channel, Language, MessageKind, Role, TicketState
from hezo_desk.models import (
    Agent,
    AuditEntry,
    Call,
    CallTicket,
    Contact,
    Customer,
    Message,
    ResellerAccessChange,
    ServiceContract,
    Ticket,
    utcnow,
)
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.normalize import clean_line, fold, phone_key
from hezo_desk.services.pdf.export import check_target_folder, put_in_place, written_whole
from hezo_desk.services.pdf.personal_data import render_personal_data_pdf
from hezo_desk.services.personal_data.contacts import resolve_contact

EXPORT_ROLES = (Role.SUPERVISOR, Role.ADMINISTRATOR)
# The JSON's identity: a reader checks both before reading the rest. Raise the version on any
# change to its shape (a renamed or removed key); adding a key keeps it.
JSON_FORMAT = "hezo-desk/personal-data-access"
JSON_VERSION = 1
_REGISTRATION_ACTIONS = (AuditAction.CONTACT_REGISTERED, AuditAction.CONTACT_UPDATED)


# ----- the report ------------------------------------------------------------------------------


class MatchedBy(enum.StrEnum):
    """Why a record is in the report: the person's id, e-mail, phone or (on their company's
    records) their name."""

    CONTACT_ID = "contact_id"
    EMAIL = "email"
    PHONE = "phone"
    NAME = "name"


@dataclass(frozen=True)
class PersonRecord:
    id: int
    first_name: str
    last_name: str
    email: str
    phone: str | None
    language: Language
    registered_at: dt.datetime
    registered_by: str | None
    updated_at: dt.datetime

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class CompanyRecord:
    id: int
    name: str
    tax_id: str


@dataclass(frozen=True)
class RegistrationRecord:
    recorded_at: dt.datetime
    # "contact.registered" or "contact.updated" (registered again over the phone).
    action: str
    agent: str | None
    contract_number: str | None
    typed_serial: str | None
    read_back: str | None


@dataclass(frozen=True)
class TicketRecord:
    id: int
    number: str
    subject: str
    state: TicketState
    channel: Channel
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    legacy_number: str | None


@dataclass(frozen=True)
class MessageRecord:
    id: int
    ticket_number: str
    created_at: dt.datetime
    kind: MessageKind
    author_name: str
    body: str
    matched_by: MatchedBy


@dataclass(frozen=True)
class AccessDecisionRecord:
    id: int
    ticket_number: str
    recorded_at: dt.datetime
    previous: bool | None
    granted: bool
    channel: Channel
    requested_by_name: str
    agent: str | None
    note: str | None
    matched_by: MatchedBy


@dataclass(frozen=True)
class AuditRecord:
    id: int
    recorded_at: dt.datetime
    agent: str | None
    action: str
    ticket_number: str | None
    summary: str
    details: Mapping[str, Any]
    matched_by: tuple[MatchedBy, ...]


@dataclass(frozen=True)
class CallRecord:
    """One call of the call journal with the person (table `calls`, issue 16)."""

    started_at: dt.datetime
    direction: str
    number: str
    ticket_number: str | None


@dataclass(frozen=True)
class PersonalDataReport:
    person: PersonRecord
    company: CompanyRecord
    registrations: tuple[RegistrationRecord, ...]
    tickets: tuple[TicketRecord, ...]
    messages: tuple[MessageRecord, ...]
    access_decisions: tuple[AccessDecisionRecord, ...]
    audit_entries: tuple[AuditRecord, ...]
    calls: tuple[CallRecord, ...]
    prepared_at: dt.datetime
    prepared_by: str

    def counts(self) -> dict[str, int]:
        """How many records of each category (what the audit entry of an export keeps)."""
        return {name: len(getattr(self, name)) for name in CATEGORIES}


# The categories, in the order the JSON and the PDF give them.
CATEGORIES = (
    "registrations",
    "tickets",
    "messages",
    "access_decisions",
    "audit_entries",
    "calls",
)


@dataclass(frozen=True)
class PersonalDataExport:
    contact_id: int
    full_name: str
    language: Language
    json_path: Path
    pdf_path: Path
    counts: Mapping[str, int]


# ----- the service -----------------------------------------------------------------------------


class PersonalDataAccessService:
    def __init__(self, db: Database, catalogue: Catalogue | None = None) -> None:
        self._db = db
        self._catalogue = catalogue or Catalogue()

    def report(
        self, actor: Actor, reference: str, *, at: dt.datetime | None = None
    ) -> PersonalDataReport:
        """Everything held about the contact `reference` names (e-mail, phone or id)."""
        require_role(
            actor, EXPORT_ROLES, QT_TRANSLATE_NOOP("Errors", "export a person's personal data")
        )
        with self._db.sessions() as session:
            contact = resolve_contact(session, reference)
            return collect(session, contact, prepared_by=actor.display_name, at=at or utcnow())

    def export(
        self,
        actor: Actor,
        reference: str,
        folder: Path,
        *,
        language: Language | None = None,
        at: dt.datetime | None = None,
    ) -> PersonalDataExport:
        """The report as JSON and PDF in `folder` (which must exist), in `language` (by default
        the person's own); the files get their names only once the audit entry has committed."""
        check_target_folder(folder)
        report = self.report(actor, reference, at=at)
        person = report.person
        language = language or person.language
        stem = _free_stem(
            folder, f"personal-data-contact-{person.id}-{report.prepared_at:%Y%m%d-%H%M%S}"
        )
        json_bytes = report_json_bytes(report, language)
        pdf_bytes = render_personal_data_pdf(report, language, self._catalogue)
        json_path, pdf_path = folder / f"{stem}.json", folder / f"{stem}.pdf"
        with written_whole(json_path) as json_part, written_whole(pdf_path) as pdf_part:
            json_part.write_bytes(json_bytes)
            pdf_part.write_bytes(pdf_bytes)
            with self._db.transaction() as session:
                # Who asked and what went out; never the person's name, e-mail or phone, which
                # an erasure would otherwise have to find in the log as well.
                audit.record(
                    session,
                    actor,
                    AuditAction.CONTACT_DATA_EXPORTED,
                    f"exported the personal data held about contact #{person.id} (RODO art. 15)",
                    subject=("contact", person.id),
                    details={
                        "contact_id": person.id,
                        "language": language.value,
                        "files": {
                            json_path.name: hashlib.sha256(json_bytes).hexdigest(),
                            pdf_path.name: hashlib.sha256(pdf_bytes).hexdigest(),
                        },
                        "counts": report.counts(),
                    },
                    at=report.prepared_at,
                )
            # Named only once recorded: a failed commit or a kill leaves no unaudited export.
            put_in_place(json_part, json_path)
            put_in_place(pdf_part, pdf_path)
        return PersonalDataExport(
            contact_id=person.id,
            full_name=person.full_name,
            language=language,
            json_path=json_path,
            pdf_path=pdf_path,
            counts=report.counts(),
        )


def _free_stem(folder: Path, stem: str) -> str:
    """`stem`, or `stem-2`, `stem-3`…: an earlier export (of the same second) is never replaced."""
    candidate, number = stem, 1
    while (folder / f"{candidate}.json").exists() or (folder / f"{candidate}.pdf").exists():
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


# ----- collecting ------------------------------------------------------------------------------


def collect(
    session: Session, contact: Contact, *, prepared_by: str, at: dt.datetime
) -> PersonalDataReport:
    """The report on `contact`, read in the caller's session."""
    registered_by = (
        session.get(Agent, contact.registered_by_agent_id)
        if contact.registered_by_agent_id
        else None
    )
    customer = session.get_one(Customer, contact.customer_id)
    person = PersonRecord(
        id=contact.id,
        first_name=contact.first_name,
        last_name=contact.last_name,
        email=contact.email,
        phone=contact.phone,
        language=contact.language,
        registered_at=contact.registered_at,
        registered_by=registered_by.display_name if registered_by else None,
        updated_at=contact.updated_at,
    )
    return PersonalDataReport(
        person=person,
        company=CompanyRecord(customer.id, customer.name, customer.tax_id),
        registrations=_registrations(session, contact),
        tickets=_tickets(session, contact),
        messages=_messages(session, contact),
        access_decisions=_access_decisions(session, contact),
        audit_entries=_audit_entries(session, contact),
        calls=_calls(session, contact),
        prepared_at=at,
        prepared_by=prepared_by,
    )


def _name_key(name: str) -> str:
    """A person's name as compared: spacing and case and diacritics aside."""
    return fold(clean_line(name))


def _registrations(session: Session, contact: Contact) -> tuple[RegistrationRecord, ...]:
    rows = session.execute(
        select(AuditEntry, Agent.display_name)
        .outerjoin(Agent, Agent.id == AuditEntry.agent_id)
        .where(
            AuditEntry.subject_type == "contact",
            AuditEntry.subject_id == contact.id,
            AuditEntry.action.in_(_REGISTRATION_ACTIONS),
        )
        .order_by(AuditEntry.recorded_at, AuditEntry.id)
    ).all()
    records = []
    for entry, agent_name in rows:
        details = entry.details or {}
        contract_id = details.get("contract_id")
        contract = session.get(ServiceContract, contract_id) if contract_id else None
        records.append(
            RegistrationRecord(
                recorded_at=entry.recorded_at,
                action=entry.action,
                agent=agent_name,
                contract_number=contract.number if contract else None,
                typed_serial=details.get("typed_serial"),
                read_back=details.get("read_back"),
            )
        )
    return tuple(records)


def _tickets(session: Session, contact: Contact) -> tuple[TicketRecord, ...]:
    tickets = session.scalars(
        select(Ticket).where(Ticket.contact_id == contact.id).order_by(Ticket.opened_at, Ticket.id)
    )
    return tuple(
        TicketRecord(
            id=t.id,
            number=t.number,
            subject=t.subject,
            state=t.state,
            channel=t.channel,
            opened_at=t.opened_at,
            closed_at=t.closed_at,
            legacy_number=t.legacy_number,
        )
        for t in tickets
    )


def _messages(session: Session, contact: Contact) -> tuple[MessageRecord, ...]:
    name = _name_key(f"{contact.first_name} {contact.last_name}")
    # Customer messages on the company's tickets with no linked author: only their names are
    # read here, the bodies of the ones that carry this person's name below.
    unlinked = session.execute(
        select(Message.id, Message.author_name)
        .join(Ticket, Ticket.id == Message.ticket_id)
        .where(
            Ticket.customer_id == contact.customer_id,
            Message.author_contact_id.is_(None),
            Message.author_agent_id.is_(None),
            Message.kind == MessageKind.CUSTOMER,
        )
    ).all()
    by_name = [message_id for message_id, author in unlinked if _name_key(author) == name]
    rows = session.execute(
        select(Message, Ticket.number)
        .join(Ticket, Ticket.id == Message.ticket_id)
        .where(or_(Message.author_contact_id == contact.id, Message.id.in_(by_name)))
        .order_by(Message.created_at, Message.id)
    ).all()
    return tuple(
        MessageRecord(
            id=message.id,
            ticket_number=number,
            created_at=message.created_at,
            kind=message.kind,
            author_name=message.author_name,
            body=message.body,
            matched_by=(
                MatchedBy.CONTACT_ID if message.author_contact_id == contact.id else MatchedBy.NAME
            ),
        )
        for message, number in rows
    )


def _access_decisions(session: Session, contact: Contact) -> tuple[AccessDecisionRecord, ...]:
    name = _name_key(f"{contact.first_name} {contact.last_name}")
    rows = session.execute(
        select(ResellerAccessChange, Ticket.number, Agent.display_name)
        .join(Ticket, Ticket.id == ResellerAccessChange.ticket_id)
        .outerjoin(Agent, Agent.id == ResellerAccessChange.agent_id)
        .where(
            or_(
                ResellerAccessChange.requested_by_contact_id == contact.id,
                and_(
                    ResellerAccessChange.requested_by_contact_id.is_(None),
                    Ticket.customer_id == contact.customer_id,
                ),
            )
        )
        .order_by(ResellerAccessChange.recorded_at, ResellerAccessChange.id)
    ).all()
    records = []
    for change, number, agent_name in rows:
        if change.requested_by_contact_id == contact.id:
            matched = MatchedBy.CONTACT_ID
        elif _name_key(change.requested_by_name) == name:
            matched = MatchedBy.NAME
        else:
            continue
        records.append(
            AccessDecisionRecord(
                id=change.id,
                ticket_number=number,
                recorded_at=change.recorded_at,
                previous=change.previous,
                granted=change.granted,
                channel=change.channel,
                requested_by_name=change.requested_by_name,
                agent=agent_name,
                note=change.note,
                matched_by=matched,
            )
        )
    return tuple(records)


def _audit_entries(session: Session, contact: Contact) -> tuple[AuditRecord, ...]:
    """Audit entries about the person: a wide net in SQL, each catch checked here."""
    identifiers = _Identifiers.of(contact)
    details_text = cast(AuditEntry.details, Text)
    about: list[ColumnElement[bool]] = [
        and_(AuditEntry.subject_type == "contact", AuditEntry.subject_id == contact.id),
        # JSON as the desk writes it (json.dumps): `"…contact_id": 12`.
        details_text.contains(f'contact_id": {contact.id}', autoescape=True),
    ]
    for needle in identifiers.needles():
        about.append(_holds(AuditEntry.summary, details_text, needle))
    # Their name, on their company's tickets only (see `_Identifiers.matches`).
    about.append(
        and_(
            Ticket.customer_id == contact.customer_id,
            _holds(AuditEntry.summary, details_text, f"{contact.first_name} {contact.last_name}"),
        )
    )
    agent = aliased(Agent)
    rows = session.execute(
        select(AuditEntry, agent.display_name, Ticket.number, Ticket.customer_id)
        .outerjoin(agent, agent.id == AuditEntry.agent_id)
        .outerjoin(Ticket, Ticket.id == AuditEntry.ticket_id)
        .where(or_(*about))
        .order_by(AuditEntry.recorded_at, AuditEntry.id)
    ).all()
    records = []
    for entry, agent_name, number, customer_id in rows:
        details = dict(entry.details or {})
        is_subject = entry.subject_type == "contact" and entry.subject_id == contact.id
        company_record = is_subject or customer_id == contact.customer_id
        matched = identifiers.matches(entry.summary, details, company_record=company_record)
        if is_subject and MatchedBy.CONTACT_ID not in matched:
            matched = (MatchedBy.CONTACT_ID, *matched)
        if not matched:
            continue
        records.append(
            AuditRecord(
                id=entry.id,
                recorded_at=entry.recorded_at,
                agent=agent_name,
                action=entry.action,
                ticket_number=number,
                summary=entry.summary,
                details=details,
                matched_by=matched,
            )
        )
    return tuple(records)


def _holds(summary: Any, details_text: Any, needle: str) -> ColumnElement[bool]:
    """The summary or the details hold `needle`, as typed or as JSON writes it (non-ASCII
    letters as \\u escapes, since the desk stores details with `json.dumps`' defaults)."""
    forms = dict.fromkeys([needle, json.dumps(needle)[1:-1]])
    return or_(
        *(summary.icontains(form, autoescape=True) for form in forms),
        *(details_text.icontains(form, autoescape=True) for form in forms),
    )


def _calls(session: Session, contact: Contact) -> tuple[CallRecord, ...]:
    """The person's calls in the call journal: matched to them, or from or to their phone."""
    who = Call.contact_id == contact.id
    if contact.phone_e164:
        who = or_(who, Call.number_e164 == contact.phone_e164)
    calls = session.execute(
        select(Call.id, Call.started_at, Call.direction, Call.number)
        .where(who)
        .order_by(Call.started_at, Call.id)
    ).all()
    tickets: dict[int, list[str]] = {}
    if calls:
        linked = session.execute(
            select(CallTicket.call_id, Ticket.number)
            .join(Ticket, Ticket.id == CallTicket.ticket_id)
            .where(CallTicket.call_id.in_([call.id for call in calls]))
            .order_by(Ticket.number)
        )
        for call_id, number in linked:
            tickets.setdefault(call_id, []).append(number)
    return tuple(
        CallRecord(
            started_at=call.started_at,
            direction=call.direction.value,
            number=call.number,
            ticket_number=", ".join(tickets.get(call.id, [])) or None,
        )
        for call in calls
    )


@dataclass(frozen=True)
class _Identifiers:
    """What identifies the person in free text and in an audit entry's details."""

    contact_id: int
    email: str
    phone: str | None
    phone_digits: str | None
    name: str

    @classmethod
    def of(cls, contact: Contact) -> _Identifiers:
        phone = clean_line(contact.phone or "") or None
        return cls(
            contact_id=contact.id,
            email=contact.email.strip().lower(),
            phone=phone,
            phone_digits=phone_key(phone),
            name=_name_key(f"{contact.first_name} {contact.last_name}"),
        )

    def needles(self) -> list[str]:
        """The texts an entry about the person may hold (names as written, not folded)."""
        found = [self.email]
        found.extend(value for value in (self.phone, self.phone_digits) if value)
        return found

    def matches(
        self, summary: str, details: Mapping[str, Any], *, company_record: bool
    ) -> tuple[MatchedBy, ...]:
        texts = [summary, *_strings(details)]
        found: list[MatchedBy] = []
        if any(
            key.endswith("contact_id") and value == self.contact_id
            for key, value in _items(details)
        ):
            found.append(MatchedBy.CONTACT_ID)
        if any(self.email in text.lower() for text in texts):
            found.append(MatchedBy.EMAIL)
        phones = [value for value in (self.phone, self.phone_digits) if value]
        if any(phone in text for phone in phones for text in texts):
            found.append(MatchedBy.PHONE)
        # A name is not unique: only on the company's own records does it mean this person.
        if company_record and any(self._names_person(text) for text in texts):
            found.append(MatchedBy.NAME)
        return tuple(found)

    def _names_person(self, text: str) -> bool:
        """Their whole name in `text` (folded): "Jan Nowak" is not in "Jan Nowakowski"."""
        return re.search(rf"(?<!\w){re.escape(self.name)}(?!\w)", _name_key(text)) is not None


def _items(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair in nested details."""
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield str(key), inner
            yield from _items(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _items(inner)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _strings(inner)


# ----- JSON ------------------------------------------------------------------------------------


def report_json(report: PersonalDataReport, language: Language) -> dict[str, Any]:
    """The report as JSON values: stable keys (`JSON_FORMAT`, `JSON_VERSION`), UTC times."""
    person = _plain(report.person)
    person["full_name"] = report.person.full_name
    document: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "prepared_at": _plain(report.prepared_at),
        "prepared_by": report.prepared_by,
        "language": language.value,
        "person": person,
        "company": _plain(report.company),
    }
    for name in CATEGORIES:
        document[name] = _plain(getattr(report, name))
    return document


def report_json_bytes(report: PersonalDataReport, language: Language) -> bytes:
    text = json.dumps(report_json(report, language), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, Mapping):
        return {str(key): _plain(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(inner) for inner in value]
    return value
