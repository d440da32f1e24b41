"""Where the desk stores a person's data, one step per store, run by the erasure in order.

Each step takes the `ErasureScope` (the session of the erasure's transaction, the person's
values, their label) and returns how many rows or files it changed. A new store of personal
data adds its step to `ERASURE_STEPS`. Columns no dedicated step owns are covered by
`other_text_columns`, which rewrites any text column of any table where a value occurs (a
nullable column holding nothing but the value becomes NULL).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Enum,
    LargeBinary,
    String,
    Table,
    Text,
    bindparam,
    cast,
    delete,
    false,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.enums import LEGACY_DIALOGUE_KIND, MessageKind
from hezo_desk.errors import Coded, PermissionDeniedError
from hezo_desk.models import (
    Agent,
    Attachment,
    AuditEntry,
    Base,
    Call,
    Contact,
    Customer,
    Message,
    RedactionPermit,
    ResellerAccessChange,
    ServiceContract,
    Ticket,
)
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.normalize import fold
from hezo_desk.services.pdf import (
    CaseAttachment,
    CaseEntry,
    legacy_case_document,
    render_case_pdf,
)
from hezo_desk.services.personal_data.documents import as_text, is_pdf, pdf_pages, text_pdf
from hezo_desk.services.personal_data.values import REMOVED, PersonalValues

if TYPE_CHECKING:
    from hezo_desk.services.personal_data.holders import OtherHolders

_PHONE_SEPARATORS = (" ", "-", ".", "/", "(", ")", "+")


@dataclass
class ErasureScope:
    session: Session
    contact_id: int
    actor: Actor
    label: str
    values: PersonalValues
    # Surname alone and "J. Kowalski": redacted only in the person's own tickets, where they
    # are a signature; elsewhere they may well be someone else.
    signature: PersonalValues
    own_ticket_ids: set[int]
    # Files elsewhere in the desk found holding a value before the transaction began
    # (`attachments_holding`): reading every file is too slow to hold the write lock for.
    found_attachment_ids: set[int] = field(default_factory=set)
    touched_ticket_ids: set[int] = field(default_factory=set)
    # The append-only rows whose words were rewritten, per table: the erasure's own audit
    # entry lists them (the redaction path is audited).
    redacted_rows: dict[str, list[int]] = field(default_factory=dict)
    # The anonymised contact's own values, the caller's: a step needs them before it changes.
    anonymised_email: str = ""
    # Other contacts holding one of the values (a namesake, a shared phone): what is theirs
    # stays (`holders`).
    others: OtherHolders | None = None

    def redact(self, text: str) -> str:
        return self.values.redact(text, self.label)

    def redact_own(self, text: str) -> str:
        return self.signature.redact(self.redact(text), self.label)

    def redact_in(self, ticket_id: int, text: str, author_contact_id: int | None = None) -> str:
        """`text` of the ticket redacted: the person's own tickets lose their signature too;
        a ticket another holder raised, or a message they wrote, keeps the values that are
        that contact's as well."""
        if ticket_id in self.own_ticket_ids and author_contact_id in (None, self.contact_id):
            return self.redact_own(text)
        shared: frozenset[str] = frozenset()
        if self.others is not None:
            shared = self.others.in_ticket(ticket_id) | self.others.of(author_contact_id)
        return self.values.without(shared).redact(text, self.label)

    def is_others_contact(self, contact_id: int | None) -> bool:
        return contact_id is not None and contact_id != self.contact_id

    def phone_sharers(self) -> tuple[int, ...]:
        if self.others is None:
            return ()
        return tuple(c for c, kinds in self.others.kinds.items() if "phone" in kinds)


def matching(column: Any, values: PersonalValues) -> ColumnElement[bool]:
    """A pre-filter for the rows whose `column` may hold a value (the matcher decides)."""
    text = cast(column, Text) if isinstance(column.type, JSON) else column
    conditions: list[ColumnElement[bool]] = [
        text.icontains(fragment, autoescape=True) for fragment in values.like_fragments()
    ]
    if values.phone_digits():
        digits = text
        for separator in _PHONE_SEPARATORS:
            digits = func.replace(digits, separator, "")
        conditions += [digits.contains(key) for key in values.phone_digits()]
    if not conditions:
        return false()
    return or_(*conditions)


def redact_json(value: Any, redact: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [redact_json(item, redact) for item in value]
    if isinstance(value, dict):
        return {key: redact_json(item, redact) for key, item in value.items()}
    return value


# ----- the steps -------------------------------------------------------------------------------


def contact_row(scope: ErasureScope) -> int:
    contact = scope.session.get(Contact, scope.contact_id)
    assert contact is not None
    first, _, number = scope.label.rpartition(" ")
    contact.first_name = first
    contact.last_name = number
    contact.email = scope.anonymised_email
    contact.email_normalized = scope.anonymised_email
    contact.phone = None
    contact.phone_key = None
    contact.phone_e164 = None
    contact.anonymised_number = int(number)
    contact.updated_at = dt.datetime.now(dt.UTC)
    scope.session.flush()
    return 1


def calls(scope: ErasureScope) -> int:
    """The call journal: the person's number goes from the calls matched to them or made from
    or to their phone (the call, its time and its tickets stay, with the contact's label)."""
    by_number = or_(matching(Call.number, scope.values), matching(Call.number_e164, scope.values))
    sharers = scope.phone_sharers()
    if sharers:
        # A call matched to another contact who has the same phone is that contact's call.
        by_number = by_number & (Call.contact_id.is_(None) | Call.contact_id.not_in(sharers))
    who = or_(Call.contact_id == scope.contact_id, by_number)
    ids = list(scope.session.scalars(select(Call.id).where(who)))
    if ids:
        scope.session.execute(
            update(Call)
            .where(Call.id.in_(ids))
            .values(number=REMOVED, number_e164=None, version=Call.version + 1)
        )
    return len(ids)


def messages(scope: ErasureScope) -> int:
    """Authors named after the person become the label; bodies are redacted wherever a value
    occurs, and in the person's own tickets their signature too."""
    own = Message.ticket_id.in_(scope.own_ticket_ids) if scope.own_ticket_ids else None
    conditions = [
        Message.author_contact_id == scope.contact_id,
        matching(Message.body, scope.values),
        matching(Message.author_name, scope.values),
    ]
    if own is not None and not scope.signature.is_empty:
        conditions.append(own & matching(Message.body, scope.signature))
    rows = scope.session.execute(
        select(
            Message.id, Message.ticket_id, Message.author_contact_id, Message.author_agent_id,
            Message.author_name, Message.body,
        ).where(or_(*conditions))
    ).all()  # fmt: skip
    changed = 0
    for message_id, ticket_id, author_contact_id, author_agent_id, author, body in rows:
        if author_contact_id == scope.contact_id:
            new_author = scope.label
        elif author_agent_id is not None or scope.is_others_contact(author_contact_id):
            # Staff are not the subject, nor is another contact (a namesake keeps the name).
            new_author = author
        else:
            new_author = scope.redact(author)  # a legacy author: the full name only
        new_body = scope.redact_in(ticket_id, body, author_contact_id)
        if (new_author, new_body) != (author, body):
            scope.session.execute(
                update(Message)
                .where(Message.id == message_id)
                .values(author_name=new_author[:200], body=new_body)
            )
            scope.touched_ticket_ids.add(ticket_id)
            changed += 1
    return changed


def ticket_subjects(scope: ErasureScope) -> int:
    """Subjects stay as they were (the issue), except the person's values inside them: a
    subject holding an e-mail holds personal data (decided here)."""
    rows = scope.session.execute(
        select(Ticket.id, Ticket.subject).where(matching(Ticket.subject, scope.values))
    ).all()
    changed = 0
    for ticket_id, subject in rows:
        new = scope.redact_in(ticket_id, subject)
        if new != subject:
            # A plain UPDATE, as the redaction of messages: a ticket's fields did not change
            # in the agents' sense, so its version (a concurrent edit's base) stays.
            scope.session.execute(
                update(Ticket).where(Ticket.id == ticket_id).values(subject=new[:500])
            )
            scope.touched_ticket_ids.add(ticket_id)
            changed += 1
    return changed


# The tables only some roles may change (PostgreSQL's policies, revision 0017), in words.
_GUARDED_TABLES = {
    "agents": QT_TRANSLATE_NOOP("Errors", "an agent account"),
    "reply_templates": QT_TRANSLATE_NOOP("Errors", "a reply template"),
    "service_levels": QT_TRANSLATE_NOOP("Errors", "a service level"),
    "service_level_targets": QT_TRANSLATE_NOOP("Errors", "a service level"),
    "migration_runs": QT_TRANSLATE_NOOP("Errors", "a migration report"),
    "reseller_db_roles": QT_TRANSLATE_NOOP("Errors", "a reseller database role"),
}


def _table_words(table: str) -> object:
    words = _GUARDED_TABLES.get(table)
    return Coded(words) if words is not None else table


def _on_postgresql(scope: ErasureScope) -> bool:
    return scope.session.get_bind().dialect.name == "postgresql"


def _rows_changed(result: object) -> bool:
    return bool(getattr(result, "rowcount", 1))


def _permit(scope: ErasureScope, table: str, row_id: int) -> None:
    if not _on_postgresql(scope):
        # PostgreSQL's redaction functions hold their own permit (revision 0017).
        scope.session.execute(insert(RedactionPermit).values(table_name=table, row_id=row_id))
    scope.redacted_rows.setdefault(table, []).append(row_id)


def access_changes(scope: ErasureScope) -> int:
    """Who asked for an access decision: the person's own decisions name the label."""
    rows = scope.session.execute(
        select(
            ResellerAccessChange.id,
            ResellerAccessChange.ticket_id,
            ResellerAccessChange.requested_by_contact_id,
            ResellerAccessChange.requested_by_name,
            ResellerAccessChange.note,
        ).where(
            or_(
                ResellerAccessChange.requested_by_contact_id == scope.contact_id,
                matching(ResellerAccessChange.requested_by_name, scope.values),
                matching(ResellerAccessChange.note, scope.values),
            )
        )
    ).all()
    changed = 0
    for change_id, ticket_id, contact_id, name, note in rows:
        if contact_id == scope.contact_id:
            new_name = scope.label
        elif scope.is_others_contact(contact_id):
            new_name = name  # another contact asked (a namesake keeps the name)
        else:
            new_name = scope.redact(name)
        new_note = None if note is None else scope.redact_in(ticket_id, note)
        if (new_name, new_note) != (name, note):
            _permit(scope, "reseller_access_changes", change_id)
            if _on_postgresql(scope):
                # The desks' role may not update the history; the database's own function
                # rewrites the words of a row with a permit (revision 0017).
                scope.session.execute(
                    text("SELECT hezo_redact_access_change(:contact, :id, :name, :note)"),
                    {
                        "contact": scope.contact_id,
                        "id": change_id,
                        "name": new_name[:200],
                        "note": new_note,
                    },
                )
            else:
                scope.session.execute(
                    update(ResellerAccessChange)
                    .where(ResellerAccessChange.id == change_id)
                    .values(requested_by_name=new_name[:200], note=new_note)
                )
            scope.touched_ticket_ids.add(ticket_id)
            changed += 1
    return changed


def audit_entries(scope: ErasureScope) -> int:
    """The words of audit entries (summary, details); who, what and when stay. An entry about
    another contact holding a value (a namesake's registration) keeps what is theirs."""
    rows = scope.session.execute(
        select(
            AuditEntry.id,
            AuditEntry.subject_type,
            AuditEntry.subject_id,
            AuditEntry.ticket_id,
            AuditEntry.summary,
            AuditEntry.details,
        ).where(
            or_(
                matching(AuditEntry.summary, scope.values),
                matching(AuditEntry.details, scope.values),
            )
        )
    ).all()
    changed = 0
    for entry_id, subject_type, subject_id, ticket_id, summary, details in rows:
        about = subject_id if subject_type == "contact" else None

        def redact(text: str, ticket_id: int | None = ticket_id, about: int | None = about) -> str:
            if scope.others is not None and about is not None and about != scope.contact_id:
                return scope.values.without(scope.others.of(about)).redact(text, scope.label)
            if ticket_id is not None:
                return scope.redact_in(ticket_id, text)
            return scope.redact(text)

        new_summary = redact(summary)
        new_details = redact_json(details, redact)
        if (new_summary, new_details) != (summary, details):
            _permit(scope, "audit_log", entry_id)
            if _on_postgresql(scope):
                scope.session.execute(
                    text("SELECT hezo_redact_audit_entry(:contact, :id, :summary, :details)"),
                    {
                        "contact": scope.contact_id,
                        "id": entry_id,
                        "summary": new_summary,
                        "details": json.dumps(new_details),
                    },
                )
            else:
                scope.session.execute(
                    update(AuditEntry)
                    .where(AuditEntry.id == entry_id)
                    .values(summary=new_summary, details=new_details)
                )
            changed += 1
    return changed


# Columns other steps own, or the database writes itself (sort copies of revision 0006).
_OWNED = {
    "contacts": None,  # the whole row: `contact_row`
    "messages": {"body", "author_name"},
    "tickets": {"subject", "customer_sort", "serial_sort", "assignee_sort"},
    # `calls` owns the numbers (a call matched to a contact sharing the phone keeps its own).
    "calls": {"number", "number_e164"},
    "audit_log": None,
    "reseller_access_changes": None,
    "redaction_permits": None,
    "schema_compatibility": None,
    "counters": None,
    # Staff are not the subject of a customer's erasure (a namesake agent keeps their name).
    "agents": None,
}


def _text_columns(table: Table) -> list[Any]:
    owned = _OWNED.get(table.name, set())
    if owned is None:
        return []
    return [
        column
        for column in table.columns
        if isinstance(column.type, String | JSON)
        and not isinstance(column.type, Enum)
        and column.name not in owned
        and not column.primary_key
        and not column.info.get("secret")
    ]


def other_text_columns(scope: ErasureScope) -> int:
    """Every other text column of every table: a value becomes `[…]` or the label; a nullable
    column that held nothing but the value (a sole trader's e-mail) becomes NULL. A company
    named after the person (a sole trader, DOMAIN.md) keeps the rest of its name."""
    changed = 0
    for table in Base.metadata.sorted_tables:
        primary = list(table.primary_key.columns)
        if len(primary) != 1:
            continue
        key = primary[0]
        for column in _text_columns(table):
            rows = scope.session.execute(
                select(key, column).where(matching(column, scope.values))
            ).all()
            for row_id, value in rows:
                if isinstance(column.type, JSON):
                    new = redact_json(value, scope.redact)
                else:
                    new = scope.redact(value)
                    if column.nullable and new.strip() in (REMOVED, scope.label):
                        new = None
                if new == value:
                    continue
                result = scope.session.execute(
                    update(table).where(key == row_id).values({column.name: new})
                )
                if not _rows_changed(result):
                    # PostgreSQL's policies let only some roles change this table (revision
                    # 0017): the erasure stops whole rather than leave the value behind.
                    raise PermissionDeniedError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "the person's data is also in %1, which your role may not change; "
                            "nothing was erased. Ask a supervisor or an administrator to erase it.",
                        ),
                        _table_words(table.name),
                    )
                changed += 1
                if table.name == "customers":
                    _refold_customer(scope, row_id)
    return changed


def _refold_customer(scope: ErasureScope, customer_id: int) -> None:
    name = scope.session.scalar(select(Customer.name).where(Customer.id == customer_id))
    # The tickets' sort copy follows `name_folded` by the database's own trigger (0006).
    scope.session.execute(
        update(Customer).where(Customer.id == customer_id).values(name_folded=fold(name or ""))
    )


def attachments(scope: ErasureScope) -> int:
    """Files of the tickets the erasure touched or the person raised, and the files found
    holding a value anywhere: text files and PDFs that hold a value are rewritten; then every
    legacy dialogue PDF of those tickets is rendered again from its (now redacted) messages."""
    tickets = scope.touched_ticket_ids | scope.own_ticket_ids
    session = scope.session
    changed = 0
    files = session.execute(
        select(Attachment.id, Attachment.ticket_id, Attachment.kind).where(
            or_(
                Attachment.ticket_id.in_(tickets),
                Attachment.id.in_(scope.found_attachment_ids),
            )
        )
    ).all()
    dialogues = []
    for attachment_id, ticket_id, kind in files:
        if kind == LEGACY_DIALOGUE_KIND:
            dialogues.append((attachment_id, ticket_id))
            continue
        data = session.scalar(select(Attachment.data).where(Attachment.id == attachment_id))
        new = _redacted_file(scope, data or b"", ticket_id)
        if new is not None:
            _store(session, attachment_id, new)
            scope.touched_ticket_ids.add(ticket_id)
            changed += 1
    for attachment_id, ticket_id in dialogues:
        data = session.scalar(select(Attachment.data).where(Attachment.id == attachment_id))
        if ticket_id in scope.touched_ticket_ids or scope.values.found_in(
            "\n".join(pdf_pages(data or b""))
        ):
            _store(session, attachment_id, legacy_dialogue_pdf(session, attachment_id))
            scope.touched_ticket_ids.add(ticket_id)
            changed += 1
    return changed


def attachments_holding(session: Session, values: PersonalValues) -> set[int]:
    """Files anywhere in the desk that hold a value: those whose bytes hold one as written
    (the database searches, without sending the files), and PDFs whose text does (compressed
    in the file, so read here one by one). Legacy dialogue PDFs are left to `attachments`:
    they are rendered from messages, which the erasure redacts anyway."""
    needles = [spelling for spelling in values.literal_spellings() if spelling]
    # A name declined in a sentence (`Kowalskiemu`) holds its stem: a candidate, which the
    # erasure reads and rewrites only where the matcher finds the person.
    needles += [prefix.encode() for prefix in values.name_prefixes() if prefix]
    for key in values.phone_digits():
        needles.append(key.encode())
    found: set[int] = set()
    if needles:
        parameters = [
            bindparam(f"needle_{index}", needle, type_=LargeBinary)
            for index, needle in enumerate(needles)
        ]
        if session.get_bind().dialect.name == "sqlite":
            holds = or_(*(func.instr(Attachment.data, parameter) > 0 for parameter in parameters))
        else:
            holds = or_(
                *(
                    text(f"position(:{parameter.key} IN attachments.data) > 0").bindparams(
                        parameter
                    )
                    for parameter in parameters
                )
            )
        found.update(session.scalars(select(Attachment.id).where(holds)))
    pdfs = session.scalars(
        select(Attachment.id).where(
            Attachment.kind != LEGACY_DIALOGUE_KIND,
            or_(
                Attachment.content_type == "application/pdf",
                func.lower(Attachment.file_name).endswith(".pdf"),
            ),
        )
    ).all()
    for attachment_id in pdfs:
        data = session.scalar(select(Attachment.data).where(Attachment.id == attachment_id))
        if data and is_pdf(data) and values.found_in("\n".join(pdf_pages(data))):
            found.add(attachment_id)
    return found


def _redacted_file(scope: ErasureScope, data: bytes, ticket_id: int) -> bytes | None:
    def redact(text: str) -> str:
        return scope.redact_in(ticket_id, text)

    if is_pdf(data):
        pages = pdf_pages(data)
        new_pages = [redact(page) for page in pages]
        return text_pdf(new_pages) if new_pages != pages else None
    text = as_text(data)
    if text is None:
        return None
    new_text = redact(text)
    return new_text.encode("utf-8") if new_text != text else None


def _store(session: Session, attachment_id: int, data: bytes) -> None:
    session.execute(
        update(Attachment)
        .where(Attachment.id == attachment_id)
        .values(data=data, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    )


def legacy_dialogue_pdf(session: Session, attachment_id: int) -> bytes:
    """The legacy dialogue of the attachment's ticket rendered again, as the import did
    (services/legacy_import/ticket_rows.py), from what the desk holds now: the migrated
    messages (those with a legacy id), the legacy files, the ticket and its customer. The
    legacy contract and serial come from the import's audit entry; the legacy `opened_by`
    the desk never kept is left out."""
    attachment = session.get(Attachment, attachment_id)
    assert attachment is not None
    ticket = session.get(Ticket, attachment.ticket_id)
    assert ticket is not None
    customer = session.get(Customer, ticket.customer_id)
    assert customer is not None
    imported = session.scalar(
        select(AuditEntry.details)
        .where(AuditEntry.ticket_id == ticket.id, AuditEntry.action == AuditAction.LEGACY_IMPORTED)
        .order_by(AuditEntry.id)
        .limit(1)
    )
    facts: dict[str, Any] = dict(imported or {})
    contract = facts.get("legacy_contract") or (
        session.scalar(
            select(ServiceContract.number).where(ServiceContract.id == ticket.contract_id)
        )
        if ticket.contract_id
        else None
    )
    entries = [
        CaseEntry(author=author, kind=MessageKind(kind), time=created_at, body=body)
        for author, kind, created_at, body in session.execute(
            select(Message.author_name, Message.kind, Message.created_at, Message.body)
            .where(Message.ticket_id == ticket.id, Message.legacy_id.is_not(None))
            .order_by(Message.created_at, Message.id)
        )
    ]
    files = [
        CaseAttachment(name=name, size=size, sha256=sha256)
        for name, size, sha256 in session.execute(
            select(Attachment.file_name, Attachment.size, Attachment.sha256)
            .where(Attachment.ticket_id == ticket.id, Attachment.legacy_id.is_not(None))
            .order_by(Attachment.id)
        )
    ]
    document = legacy_case_document(
        legacy_number=ticket.legacy_number or ticket.number,
        number=ticket.number,
        subject=ticket.subject,
        customer_name=customer.name,
        tax_id=customer.tax_id,
        contract=contract or None,
        serial=facts.get("legacy_serial") or None,
        state=ticket.state,
        priority=ticket.priority,
        opened_at=ticket.opened_at,
        language=customer.language,
        messages=entries,
        attachments=files,
    )
    exported_by = session.scalar(
        select(Agent.display_name).where(Agent.id == attachment.created_by_agent_id)
    )
    return render_case_pdf(
        document, exported_by=exported_by or "HEZO Desk", exported_at=attachment.created_at
    )


def ticket_history(scope: ErasureScope) -> int:
    """One entry per touched ticket in its own history (no erased data): the ticket's page
    shows that its words changed, and other desks showing it refresh (the change feed)."""
    for ticket_id in sorted(scope.touched_ticket_ids):
        audit.record(
            scope.session,
            scope.actor,
            AuditAction.PERSONAL_DATA_REDACTED,
            f"personal data redacted (contact {scope.contact_id})",
            ticket_id=ticket_id,
            subject=("contact", scope.contact_id),
            details={"contact_id": scope.contact_id},
        )
    return len(scope.touched_ticket_ids)


def drop_permits(scope: ErasureScope) -> int:
    """No permit outlives the erasure's transaction (revision 0009)."""
    if _on_postgresql(scope):
        return 0  # the redaction functions drop theirs (revision 0017)
    result = scope.session.execute(delete(RedactionPermit))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


Step = Callable[[ErasureScope], int]

# In order: the contact row last among the person's rows (the others match its old values
# through `scope.values`, not through the row), the generic pass after the dedicated ones,
# files after the texts they are rendered from, the tickets' history after everything.
ERASURE_STEPS: tuple[tuple[str, Step], ...] = (
    ("messages", messages),
    ("ticket_subjects", ticket_subjects),
    ("access_changes", access_changes),
    ("audit_entries", audit_entries),
    ("calls", calls),
    ("other_text_columns", other_text_columns),
    ("contact", contact_row),
    ("attachments", attachments),
    ("ticket_history", ticket_history),
    ("permits", drop_permits),
)
