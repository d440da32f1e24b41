"""One legacy ticket as the desk receives it, and the rows a batch of them becomes.

`prepare_ticket` gathers a staged ticket's messages, attachment files and the dialogue
document its PDF is rendered from; `insert_tickets` writes a batch of prepared tickets with
their messages, attachments, dialogue PDFs, access decisions and audit entries in the caller's
transaction (`writer` decides the batches and commits them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hezo_desk.audit_words import review_flag
from hezo_desk.enums import (
    LEGACY_DIALOGUE_KIND,
    Channel,
    Language,
    MessageKind,
    Priority,
    TicketState,
)
from hezo_desk.models import (
    Attachment,
    AuditEntry,
    Message,
    ResellerAccessChange,
    ServiceContract,
    Ticket,
)
from hezo_desk.services import audit
from hezo_desk.services.attachment_files import guess_content_type
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.legacy_import.source import ExportSource, UnreadableFileError
from hezo_desk.services.legacy_import.staging import PLANNED, REJECTED, Staging, from_iso
from hezo_desk.services.pdf import (
    CaseAttachment,
    CaseDocument,
    CaseEntry,
    legacy_case_document,
)
from hezo_desk.services.service_levels.dues import (
    BulkDues,
    BulkTicket,
    DuesReason,
    dues_details,
    dues_summary,
)

DIALOGUE_KIND = LEGACY_DIALOGUE_KIND


@dataclass
class PreparedTicket:
    seq: int
    legacy_number: str
    number: str
    subject: str
    customer_target: str
    link_contract: str | None
    link_service: str | None
    state: TicketState
    priority: Priority
    opened_at: dt.datetime
    flags: list[str]
    messages: list[tuple[int, str, dt.datetime, str, MessageKind, str]]
    attachments: list[tuple[int, str, int | None, str, bytes]]
    document: CaseDocument
    legacy_contract: str = ""
    legacy_serial: str = ""
    pdf: bytes | None = None
    # When the legacy system closed it (a closed or cancelled ticket; None: not recorded).
    closed_at: dt.datetime | None = None
    # Already past a due when it arrived (set when written; counted in the report).
    overdue: bool = False

    @property
    def weight(self) -> int:
        return sum(len(m[5]) for m in self.messages) + sum(len(a[4]) for a in self.attachments)

    @property
    def updated_at(self) -> dt.datetime:
        return max([self.opened_at, *(m[2] for m in self.messages)])


def prepare_ticket(
    staging: Staging,
    source: ExportSource,
    row: dict[str, Any],
    number: str,
    customer: tuple[str, str, Language],
) -> PreparedTicket:
    """A staged ticket with its messages, attachment files and dialogue document, to render."""
    seq = row["seq"]
    messages = [
        (m_seq, legacy_id, from_iso(sent_at), author or "", MessageKind(kind), body or "")
        for m_seq, legacy_id, sent_at, author, kind, body in staging.execute(
            "SELECT seq, legacy_id, sent_at, author, kind, body FROM messages "
            "WHERE ticket_seq = ? AND outcome = ? ORDER BY sent_at, seq",
            (seq, PLANNED),
        )
    ]
    attachments = []
    flags = row["flags"].splitlines() if row["flags"] else []
    for a_seq, legacy_id, line, message_seq, file_name, path in staging.execute(
        "SELECT seq, legacy_id, line, message_seq, file_name, path FROM attachments "
        "WHERE ticket_seq = ? AND outcome = ? ORDER BY seq",
        (seq, PLANNED),
    ).fetchall():
        try:
            data = source.read_attachment(path)
        except UnreadableFileError as error:
            # The files were read through before writing; one that changed since is rejected
            # now, as it would have been then, and the ticket moves without it.
            problem = error.problem
            staging.set_outcome(
                "attachments", [(REJECTED, problem.code.value, problem.detail, a_seq)]
            )
            flags.append(review_flag("attachment_rejected", legacy_id, line, problem.detail))
            continue
        attachments.append((a_seq, legacy_id, message_seq, file_name, data))
    customer_name, tax_id, language = customer
    opened_at = from_iso(row["opened_at"])
    document = legacy_case_document(
        legacy_number=row["legacy_id"],
        number=number,
        subject=row["subject"],
        customer_name=customer_name,
        tax_id=tax_id,
        contract=row["contract_no"] or None,
        serial=row["serial_raw"].strip() or None,
        state=TicketState(row["state"]),
        priority=Priority(row["priority"]),
        opened_at=opened_at,
        closed_at=from_iso(row["closed_at"]) if row["closed_at"] else None,
        opened_by=row["opened_by"],
        language=language,
        messages=[
            CaseEntry(author=author, kind=kind, time=sent_at, body=body)
            for _s, _l, sent_at, author, kind, body in messages
        ],
        attachments=[
            CaseAttachment(name=name, size=len(data), sha256=hashlib.sha256(data).hexdigest())
            for _s, _l, _m, name, data in attachments
        ],
    )
    return PreparedTicket(
        seq=seq,
        legacy_number=row["legacy_id"],
        number=number,
        subject=row["subject"],
        customer_target=row["customer_target"],
        link_contract=row["link_contract"],
        link_service=row["link_service"],
        state=TicketState(row["state"]),
        priority=Priority(row["priority"]),
        opened_at=opened_at,
        flags=flags,
        messages=messages,
        attachments=attachments,
        document=document,
        legacy_contract=row["contract_no"] or "",
        legacy_serial=(row["serial_raw"] or "").strip(),
        closed_at=from_iso(row["closed_at"]) if row["closed_at"] else None,
    )


def insert_tickets(
    session: Session,
    batch: list[PreparedTicket],
    customers: dict[str, int],
    contracts: dict[str, int],
    services: dict[str, int],
    now: dt.datetime,
    actor_id: int,
    run_id: int,
) -> list[int]:
    """The desk's rows for a batch of tickets (ids resolved); the tickets' ids, in order.

    Each ticket's dues are counted from its legacy opening (its pauses are unknown: none), its
    first reply is its first agent message; one already past a due is marked
    `overdue_at_migration` (and `overdue` set on it for the report), not alarmed.
    """
    service_of = [services[t.link_service] if t.link_service else None for t in batch]
    bulk = BulkDues(session)
    bulk.learn_services(service_of)
    settled_dues = []
    for ticket, service_id in zip(batch, service_of, strict=True):
        closed_at = None if ticket.state.is_open else ticket.closed_at
        first_reply = min(
            (m[2] for m in ticket.messages if m[4] is MessageKind.AGENT), default=None
        )
        columns, settled = bulk.columns(
            BulkTicket(
                service_id, ticket.priority, ticket.state, ticket.opened_at, closed_at, first_reply
            )
        )
        ticket.overdue = ticket.state.is_open and any(
            due is not None and due < now
            for due in (
                settled.response_due if first_reply is None else None,
                settled.resolution_due,
            )
        )
        columns["closed_at"] = closed_at
        columns["overdue_at_migration"] = ticket.overdue
        settled_dues.append((columns, settled))
    ticket_ids = [
        row_id
        for (row_id,) in session.execute(
            insert(Ticket).returning(Ticket.id, sort_by_parameter_order=True),
            [
                {
                    "number": t.number,
                    "subject": t.subject,
                    "customer_id": customers[t.customer_target],
                    "contract_id": contracts[t.link_contract] if t.link_contract else None,
                    "service_id": services[t.link_service] if t.link_service else None,
                    "state": t.state,
                    "priority": t.priority,
                    "channel": Channel.MIGRATION,
                    "reseller_access": False,
                    "legacy_number": t.legacy_number,
                    "opened_at": t.opened_at,
                    "updated_at": t.updated_at,
                    "created_by_agent_id": actor_id,
                    "migrated_at": now,
                    "migration_run_id": run_id,
                    "review_flags": "\n".join(t.flags) or None,
                    "version": 1,
                    **columns,
                }
                for t, (columns, _settled) in zip(batch, settled_dues, strict=True)
            ],
        )
    ]
    message_rows = []
    for ticket, ticket_id in zip(batch, ticket_ids, strict=True):
        for _seq, legacy_id, sent_at, author, kind, body in ticket.messages:
            message_rows.append(
                {
                    "ticket_id": ticket_id,
                    "kind": kind,
                    "author_name": author,
                    "body": body,
                    "created_at": sent_at,
                    "legacy_id": legacy_id,
                }
            )
    message_ids: dict[int, int] = {}
    if message_rows:
        result = session.execute(
            insert(Message).returning(Message.id, sort_by_parameter_order=True), message_rows
        )
        seqs = [m[0] for t in batch for m in t.messages]
        message_ids = dict(zip(seqs, (row_id for (row_id,) in result), strict=True))
    attachment_rows = []
    for ticket, ticket_id in zip(batch, ticket_ids, strict=True):
        # The dialogue PDF's list of attachments holds their checksums, computed once.
        listed = ticket.document.attachments
        for (_seq, legacy_id, message_seq, name, data), case_attachment in zip(
            ticket.attachments, listed, strict=True
        ):
            attachment_rows.append(
                {
                    "ticket_id": ticket_id,
                    "message_id": message_ids.get(message_seq) if message_seq else None,
                    "file_name": name,
                    "content_type": guess_content_type(name),
                    "size": len(data),
                    "sha256": case_attachment.sha256,
                    "data": data,
                    "kind": "file",
                    "created_at": now,
                    "created_by_agent_id": actor_id,
                    "legacy_id": legacy_id,
                }
            )
        if ticket.pdf is not None:
            attachment_rows.append(
                {
                    "ticket_id": ticket_id,
                    "message_id": None,
                    "file_name": dialogue_file_name(ticket.legacy_number),
                    "content_type": "application/pdf",
                    "size": len(ticket.pdf),
                    "sha256": hashlib.sha256(ticket.pdf).hexdigest(),
                    "data": ticket.pdf,
                    "kind": DIALOGUE_KIND,
                    "created_at": now,
                    "created_by_agent_id": actor_id,
                    "legacy_id": None,
                }
            )
    if attachment_rows:
        session.execute(insert(Attachment), attachment_rows)
    # The decision is about the reseller of the ticket's contract (none for an unlinked one).
    linked = [contracts[t.link_contract] for t in batch if t.link_contract]
    reseller_of: dict[int, int] = dict(
        session.execute(
            select(ServiceContract.id, ServiceContract.reseller_id).where(
                ServiceContract.id.in_(linked)
            )
        ).all()
    )
    session.execute(
        insert(ResellerAccessChange),
        [
            {
                "ticket_id": ticket_id,
                "reseller_id": reseller_of[contracts[ticket.link_contract]]
                if ticket.link_contract
                else None,
                "previous": None,
                "granted": False,
                "agent_id": actor_id,
                "requested_by_contact_id": None,
                "requested_by_name": "legacy migration",
                "channel": Channel.MIGRATION,
                "recorded_at": now,
                "note": "the legacy system recorded no decision: no access (privacy by "
                "default) until the customer says otherwise",
            }
            for ticket, ticket_id in zip(batch, ticket_ids, strict=True)
        ],
    )
    entries = [
        {
            "recorded_at": now,
            "agent_id": actor_id,
            "action": AuditAction.LEGACY_IMPORTED,
            "ticket_id": ticket_id,
            "subject_type": "migration_run",
            "subject_id": run_id,
            "summary": f"{ticket.number}: migrated from legacy ticket "
            f"{ticket.legacy_number} (run {run_id})"
            + (f", {len(ticket.flags)} flag(s) for review" if ticket.flags else ""),
            "details": {
                "legacy_number": ticket.legacy_number,
                "legacy_contract": ticket.legacy_contract,
                "legacy_serial": ticket.legacy_serial,
                "run_id": run_id,
                "messages": len(ticket.messages),
                "attachments": len(ticket.attachments),
                "flags": ticket.flags,
            },
        }
        for ticket, ticket_id in zip(batch, ticket_ids, strict=True)
    ]
    # Its dues, explained in its history like any ticket's (the reason: migrated).
    entries.extend(
        {
            "recorded_at": now,
            "agent_id": actor_id,
            "action": AuditAction.TICKET_DUES_CHANGED,
            "ticket_id": ticket_id,
            "subject_type": None,
            "subject_id": None,
            "summary": dues_summary(ticket.number, DuesReason.MIGRATED, settled),
            "details": {
                **dues_details(DuesReason.MIGRATED, None, settled),
                "overdue_at_migration": ticket.overdue,
            },
        }
        for ticket, ticket_id, (_columns, settled) in zip(
            batch, ticket_ids, settled_dues, strict=True
        )
    )
    audit.chain_rows(session, entries)
    session.execute(insert(AuditEntry), entries)
    return ticket_ids


def dialogue_file_name(legacy_number: str) -> str:
    safe = "".join(char if char.isalnum() or char in "-_" else "_" for char in legacy_number)
    return f"legacy-dialogue-{safe}.pdf"[:255]
