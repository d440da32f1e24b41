"""The append-only audit log: written inside the transaction of the change it records.

Every entry is chained (revision 0010): it carries the hash of the entry before it and the
hash of that and its own content (`models.audit.chain_hash`), computed here when the entry is
flushed. Entries are chained in id order, so their ids are taken here too, one writer at a
time: SQLite lets one writer in anyway; on PostgreSQL a transaction-long advisory lock lines up
the writers of audit entries until they commit (the desk's own writing transactions take it at
BEGIN, before any row lock: see `db.CHAIN_LOCK_KEY`). `audit_chain.verify_chain` walks the chain.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, event, func, or_, select, text
from sqlalchemy.orm import Session, UOWTransaction, aliased

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import CHAIN_LOCK_KEY, Database
from hezo_desk.enums import Role
from hezo_desk.models import Agent, AuditEntry, Ticket, utcnow
from hezo_desk.models.audit import chain_hash
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.normalize import printable_line
from hezo_desk.services.records import AnySelect
from hezo_desk.services.ticket_numbers import parse_ticket_number

# The subject type of the call journal's entries, which the change feed tells apart.
CALL_SUBJECT = "call"


class AuditAction:
    """The actions the desk records. Strings, so that the log stays readable in SQL."""

    TICKET_OPENED = "ticket.opened"
    TICKET_REPLIED = "ticket.replied"
    TICKET_NOTE_ADDED = "ticket.note_added"
    TICKET_STATE_CHANGED = "ticket.state_changed"
    TICKET_PRIORITY_CHANGED = "ticket.priority_changed"
    TICKET_ASSIGNED = "ticket.assigned"
    TICKET_ATTACHMENT_ADDED = "ticket.attachment_added"
    TICKET_RESELLER_ACCESS_CHANGED = "ticket.reseller_access_changed"
    TICKET_LINKED = "ticket.linked"
    TICKET_REVIEWED = "ticket.reviewed"
    TICKET_EXPORTED = "ticket.exported"
    TICKET_PRINTED = "ticket.printed"
    # A ticket's service-level dues changed (service_levels.dues; details say why, old → new).
    TICKET_DUES_CHANGED = "ticket.dues_changed"
    RESELLER_DB_ROLE_GRANTED = "reseller.db_role_granted"
    RESELLER_DB_ROLE_REVOKED = "reseller.db_role_revoked"
    # Two customers of one company made one; written only by revision 0016 (Greek GR/EL ids).
    CUSTOMER_MERGED = "customer.merged"
    CONTACT_REGISTERED = "contact.registered"
    CONTACT_UPDATED = "contact.updated"
    # RODO art. 15: everything held about a contact, written out (no personal data in it).
    CONTACT_DATA_EXPORTED = "contact.data_exported"
    CONTACT_ANONYMISED = "contact.anonymised"
    PERSONAL_DATA_REDACTED = "ticket.personal_data_redacted"
    RETENTION_RUN = "personal_data.retention_run"
    AGENT_ADDED = "agent.added"
    AGENT_CHANGED = "agent.changed"
    AGENT_SIGNED_IN = "agent.signed_in"
    LEGACY_IMPORTED = "legacy.imported"
    DEMO_LOADED = "demo.loaded"
    CALL_RECORDED = "call.recorded"
    CALL_TICKET_LINKED = "call.ticket_linked"
    CALL_OUTCOME_SET = "call.outcome_set"
    CALL_BACK_CLAIMED = "call.back_claimed"
    CALL_BACK_RELEASED = "call.back_released"
    CALL_BACK_MADE = "call.back_made"
    TEMPLATE_ADDED = "template.added"
    TEMPLATE_CHANGED = "template.changed"
    TEMPLATE_REMOVED = "template.removed"
    TEMPLATE_USED = "template.used"
    SERVICE_LEVEL_CREATED = "service_level.created"
    SERVICE_LEVEL_CHANGED = "service_level.changed"
    SERVICE_LEVEL_REMOVED = "service_level.removed"
    # A service (contract line) moved to another level by the back office.
    SERVICE_LEVEL_SET = "service.level_changed"


# The session's entries recorded and not yet chained, in the order they were recorded.
_UNCHAINED = "hezo_desk.audit.unchained"


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    summary: str,
    *,
    ticket_id: int | None = None,
    subject: tuple[str, int] | None = None,
    details: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> None:
    entry = AuditEntry(
        recorded_at=at or utcnow(),
        agent_id=actor.id if actor else None,
        action=action,
        ticket_id=ticket_id,
        subject_type=subject[0] if subject else None,
        subject_id=subject[1] if subject else None,
        summary=summary,
        details=as_stored(details or {}),
    )
    session.add(entry)
    session.info.setdefault(_UNCHAINED, []).append(entry)


def as_stored(details: dict[str, Any]) -> dict[str, Any]:
    """`details` as the database gives them back (tuples as lists, keys as strings), so that
    the hash the desk computes is the hash of what is read later."""
    stored: dict[str, Any] = json.loads(json.dumps(details))
    return stored


def chain_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """Give bulk-inserted entries (values of AuditEntry's columns, in order) their ids and
    links, after whatever this session has pending. Insert them in this transaction."""
    session.flush()
    for row in rows:
        row["details"] = as_stored(row.get("details") or {})
    _link(session, rows)


@event.listens_for(Session, "before_flush")
def _chain_recorded_entries(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    recorded = session.info.pop(_UNCHAINED, None)
    if not recorded:
        return
    pending = [entry for entry in recorded if entry in session.new]
    if not pending:
        return
    rows = [{column: getattr(entry, column) for column in _CONTENT} for entry in pending]
    _link(session, rows)
    for entry, row in zip(pending, rows, strict=True):
        entry.id = row["id"]
        entry.chain_previous = row["chain_previous"]
        entry.chain_hash = row["chain_hash"]


_CONTENT = (
    "recorded_at",
    "agent_id",
    "action",
    "ticket_id",
    "subject_type",
    "subject_id",
    "summary",
    "details",
)


def _link(session: Session, rows: list[dict[str, Any]]) -> None:
    """Set `id`, `chain_previous` and `chain_hash` of `rows`, the next entries of the log."""
    if not rows:
        return
    postgresql = session.get_bind().dialect.name == "postgresql"
    if postgresql:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})
        ids = sorted(
            session.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) "
                    "FROM generate_series(1, :count)"
                ),
                {"count": len(rows)},
            )
        )
    else:
        last_id = session.scalar(select(func.max(AuditEntry.id))) or 0
        ids = list(range(last_id + 1, last_id + 1 + len(rows)))
    previous = (
        session.scalar(select(AuditEntry.chain_hash).order_by(AuditEntry.id.desc()).limit(1)) or ""
    )
    for row, entry_id in zip(rows, ids, strict=True):
        row["id"] = entry_id
        row["chain_previous"] = previous
        row["chain_hash"] = previous = chain_hash(
            previous,
            id=entry_id,
            recorded_at=row["recorded_at"],
            agent_id=row.get("agent_id"),
            action=row["action"],
            ticket_id=row.get("ticket_id"),
            subject_type=row.get("subject_type"),
            subject_id=row.get("subject_id"),
            summary=row["summary"],
            details=row["details"],
        )


@dataclass(frozen=True)
class AuditRow:
    id: int
    recorded_at: dt.datetime
    agent_login: str | None
    agent_name: str | None
    action: str
    ticket_number: str | None
    summary: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AuditFilter:
    agent_login: str | None = None
    ticket_number: str | None = None
    action: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None


class AuditService:
    """Reading the log (supervisors, administrators). Writing goes through `record`."""

    READERS = (Role.SUPERVISOR, Role.ADMINISTRATOR)

    def __init__(self, db: Database) -> None:
        self._db = db

    def entries(
        self,
        actor: Actor,
        audit_filter: AuditFilter = AuditFilter(),
        *,
        limit: int = 100,
        before_id: int | None = None,
    ) -> list[AuditRow]:
        """Newest first; page with `before_id` (the last id of the previous page)."""
        require_role(actor, self.READERS, QT_TRANSLATE_NOOP("Errors", "read the audit log"))
        query = audit_select().where(*audit_conditions(audit_filter))
        if before_id is not None:
            query = query.where(AuditEntry.id < before_id)
        query = query.order_by(AuditEntry.id.desc()).limit(limit)
        with self._db.sessions() as session:
            return [audit_row(*values) for values in session.execute(query).all()]

    def for_ticket(self, ticket_id: int) -> list[AuditRow]:
        """A ticket's own history, oldest first (shown in the ticket view to every agent)."""
        query = audit_select().where(AuditEntry.ticket_id == ticket_id)
        with self._db.sessions() as session:
            rows = session.execute(query.order_by(AuditEntry.id)).all()
            return [audit_row(*values) for values in rows]


def audit_select() -> AnySelect:
    """Every entry with its agent's login and name and its ticket's number (not filtered)."""
    agent = aliased(Agent)
    return (
        select(AuditEntry, agent.login, agent.display_name, Ticket.number)
        .outerjoin(agent, agent.id == AuditEntry.agent_id)
        .outerjoin(Ticket, Ticket.id == AuditEntry.ticket_id)
    )


def audit_conditions(audit_filter: AuditFilter) -> list[ColumnElement[bool]]:
    """The filter as conditions on the log's own table: agents and tickets are matched
    through subqueries, so that the audit list counts and sorts without joins.

    What is typed is read leniently: a login in any case, a ticket number in any spelling
    (`hd 123`) or a legacy number; control characters are dropped.
    """
    conditions: list[ColumnElement[bool]] = []
    if audit_filter.agent_login:
        login = printable_line(audit_filter.agent_login).lower()
        conditions.append(AuditEntry.agent_id.in_(select(Agent.id).where(Agent.login == login)))
    if audit_filter.ticket_number and printable_line(audit_filter.ticket_number):
        text = printable_line(audit_filter.ticket_number)
        numbers = {text, text.upper()}
        parsed = parse_ticket_number(text)
        if parsed is not None:
            numbers.add(parsed)
        conditions.append(
            AuditEntry.ticket_id.in_(
                select(Ticket.id).where(
                    or_(Ticket.number.in_(numbers), Ticket.legacy_number.in_(numbers))
                )
            )
        )
    if audit_filter.action and printable_line(audit_filter.action):
        action = printable_line(audit_filter.action)
        conditions.append(AuditEntry.action.startswith(action, autoescape=True))
    if audit_filter.since is not None:
        conditions.append(AuditEntry.recorded_at >= audit_filter.since)
    if audit_filter.until is not None:
        conditions.append(AuditEntry.recorded_at < audit_filter.until)
    return conditions


def audit_row(
    entry: AuditEntry, login: str | None, name: str | None, number: str | None
) -> AuditRow:
    return AuditRow(
        id=entry.id,
        recorded_at=entry.recorded_at,
        agent_login=login,
        agent_name=name,
        action=entry.action,
        ticket_number=number,
        summary=entry.summary,
        details=dict(entry.details or {}),
    )


def actions() -> Sequence[str]:
    return sorted(
        value
        for name, value in vars(AuditAction).items()
        if name.isupper() and isinstance(value, str)
    )
