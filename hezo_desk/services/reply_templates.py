"""Reply templates: canned answers whose placeholders are filled in for one ticket.

The syntax, in one place: a placeholder is a name in braces, `{customer}`; `{{` and `}}`
write a brace itself. The names (case does not matter):

| placeholder        | becomes                                                                |
| ------------------ | ---------------------------------------------------------------------- |
| `{customer}`       | the customer's name                                                    |
| `{tax_id}`         | the customer's tax id as the portal wants it (`PL5260250274`)          |
| `{contact}`        | the ticket's contact person (first and last name)                      |
| `{ticket_number}`  | the ticket's number (`HD-000123`)                                      |
| `{ticket_subject}` | the ticket's subject                                                   |
| `{contract}`       | the number of the ticket's contract                                    |
| `{notation}`       | the ticket's service in the new notation (`(H2)-FG1234567890`)         |
| `{serials}`        | every serial of the customer's active contracts in the new notation,   |
|                    | one a line with its contract and product                               |
| `{agent}`          | the acting agent's name                                                |
| `{cursor}`         | a gap: where the agent goes on typing (the caret lands on the first)   |

A value the ticket does not have (a migrated ticket without contract, a ticket without
contact) becomes empty, and the rendering names it in `empty`. A template with any other name
in braces cannot be saved: `TemplateError(UNKNOWN_PLACEHOLDER)` names it.

Templates are read by every agent; supervisors and administrators add, change and remove them.
Every use for a ticket (`render`) is audited as `template.used`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import ContractState, Language, Role
from hezo_desk.errors import (
    InputField,
    NotFoundError,
    TemplateChangedError,
    TemplateError,
    TemplateProblem,
)
from hezo_desk.models import (
    Agent,
    Contact,
    Customer,
    ReplyTemplate,
    Service,
    ServiceContract,
    Ticket,
    utcnow,
)
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor, require_role
from hezo_desk.services.limits import within_limit
from hezo_desk.services.normalize import clean_line, fold, has_control_characters
from hezo_desk.services.records import AnySelect
from hezo_desk.services.serials import format_notation

CURSOR = "cursor"
PLACEHOLDERS: tuple[str, ...] = (
    "customer",
    "tax_id",
    "contact",
    "ticket_number",
    "ticket_subject",
    "contract",
    "notation",
    "serials",
    "agent",
    CURSOR,
)
MANAGERS = (Role.SUPERVISOR, Role.ADMINISTRATOR)
# `{{`, `}}`, or a name in braces (on one line).
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}")


class TemplateAction:
    """The audit actions of templates (strings, as `AuditAction`'s)."""

    ADDED = audit.AuditAction.TEMPLATE_ADDED
    CHANGED = audit.AuditAction.TEMPLATE_CHANGED
    REMOVED = audit.AuditAction.TEMPLATE_REMOVED
    USED = audit.AuditAction.TEMPLATE_USED


@dataclass(frozen=True)
class TemplateRow:
    id: int
    name: str
    language: Language
    body: str
    version: int
    updated_at: dt.datetime
    updated_by: str | None


@dataclass(frozen=True)
class RenderedTemplate:
    """A template filled in for a ticket: `text`, and where its gaps were (offsets in `text`,
    the markers removed); the caret goes to the first gap, else to the end."""

    template_id: int
    name: str
    text: str
    gaps: tuple[int, ...]
    # The placeholders this ticket has no value for (they became empty).
    empty: tuple[str, ...]

    @property
    def caret(self) -> int:
        return self.gaps[0] if self.gaps else len(self.text)

    def with_text_in_gap(self, typed: str) -> str:
        """The text with `typed` at the first gap; without a gap, after a blank line. With
        nothing typed, a gap alone on its line goes with its line (one blank line stays)."""
        if not typed:
            return self.without_gaps()
        if not self.gaps:
            return f"{self.text.rstrip()}\n\n{typed}" if self.text.strip() else typed
        return self.text[: self.caret] + typed + self.text[self.caret :]

    def without_gaps(self) -> str:
        text = self.text
        for gap in reversed(self.gaps):
            line_start = gap == 0 or text[gap - 1] == "\n"
            if line_start and text[gap : gap + 1] == "\n":
                text = text[:gap] + text[gap + 1 :]
                if text[max(0, gap - 2) : gap] == "\n\n" and text[gap : gap + 1] == "\n":
                    text = text[:gap] + text[gap + 1 :]
        return text


# ----- the syntax ------------------------------------------------------------------------------


def known_placeholders() -> tuple[str, ...]:
    return tuple(f"{{{name}}}" for name in PLACEHOLDERS)


def placeholders_in(body: str) -> list[str]:
    """The placeholder names `body` uses, in order (lower case); unknown ones are refused."""
    names: list[str] = []
    for match in _TOKEN.finditer(body):
        inner = match.group(1)
        if inner is None:
            continue
        name = inner.strip().lower()
        if name not in PLACEHOLDERS:
            raise TemplateError(
                TemplateProblem.UNKNOWN_PLACEHOLDER, match.group(0), known=known_placeholders()
            )
        names.append(name)
    return names


def fill(body: str, values: Mapping[str, str]) -> tuple[str, tuple[int, ...]]:
    """`body` with its placeholders replaced by `values` (read once: a value is never read as a
    placeholder) and its gaps removed; the gaps' offsets in the result."""
    parts: list[str] = []
    length = 0
    gaps: list[int] = []
    position = 0
    for match in _TOKEN.finditer(body):
        parts.append(body[position : match.start()])
        length += match.start() - position
        position = match.end()
        token = match.group(0)
        if match.group(1) is None:
            value = token[0]
        else:
            name = match.group(1).strip().lower()
            if name == CURSOR:
                gaps.append(length)
                continue
            value = values.get(name, token)
        parts.append(value)
        length += len(value)
    parts.append(body[position:])
    return "".join(parts), tuple(gaps)


def matching(
    rows: Iterable[TemplateRow], text: str = "", first_language: Language | None = None
) -> list[TemplateRow]:
    """The templates whose name or text holds every word of `text` (case and Polish letters
    optional), those in `first_language` first, then by name."""
    words = fold(text).split()
    found = [
        row
        for row in rows
        if all(word in fold(row.name) or word in fold(row.body) for word in words)
    ]
    return sorted(
        found,
        key=lambda row: (
            first_language is not None and row.language is not first_language,
            fold(row.name),
            row.language.value,
        ),
    )


def valid_name(name: str) -> str:
    """The name on one line (white space tidied); refused when empty, too long or holding a
    control character (a newline, ESC, a direction override: not echoed in the refusal)."""
    if has_control_characters(name):
        raise TemplateError(TemplateProblem.NAME_CONTROL_CHARACTER)
    cleaned = clean_line(name)
    if not cleaned:
        raise TemplateError(TemplateProblem.EMPTY_NAME)
    return within_limit(InputField.TEMPLATE_NAME, cleaned)


def valid_body(body: str) -> str:
    text = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise TemplateError(TemplateProblem.EMPTY_BODY)
    within_limit(InputField.TEMPLATE_BODY, text)
    if "\x00" in text:
        raise TemplateError(TemplateProblem.NUL_CHARACTER)
    placeholders_in(text)
    return text


def name_key(name: str) -> str:
    return name.casefold()


# ----- the service -----------------------------------------------------------------------------


class ReplyTemplateService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ----- reading ---------------------------------------------------------------------------

    def templates(
        self,
        text: str = "",
        *,
        language: Language | None = None,
        first_language: Language | None = None,
    ) -> list[TemplateRow]:
        """Templates matching `text` (see `matching`), of one `language` or all."""
        with self._db.sessions() as session:
            query = _rows_query()
            if language is not None:
                query = query.where(ReplyTemplate.language == language)
            rows = [_row(*found) for found in session.execute(query)]
        return matching(rows, text, first_language)

    def find(
        self, name: str, language: Language | None = None, *, prefer: Language | None = None
    ) -> TemplateRow:
        """The template called `name` (any case); with both languages holding it, `language`
        must say which, or the one in `prefer` is taken."""
        with self._db.sessions() as session:
            return _row(*_found(session, name, language, prefer))

    def ticket_language(self, ticket_id: int) -> Language:
        """The language a ticket is answered in: its contact's, else its customer's."""
        with self._db.sessions() as session:
            return _ticket_language(session, _ticket(session, ticket_id))

    # ----- changing --------------------------------------------------------------------------

    def add(self, actor: Actor, name: str, language: Language, body: str) -> TemplateRow:
        require_role(actor, MANAGERS, QT_TRANSLATE_NOOP("Errors", "manage reply templates"))
        name, body = valid_name(name), valid_body(body)
        with self._db.transaction() as session:
            _refuse_taken(session, name, language, None)
            now = utcnow()
            template = ReplyTemplate(
                name=name,
                name_key=name_key(name),
                language=language,
                body=body,
                created_at=now,
                created_by_agent_id=actor.id,
                updated_at=now,
                updated_by_agent_id=actor.id,
            )
            session.add(template)
            try:
                session.flush()
            except IntegrityError:
                # Added by someone else between the check and this insert.
                raise TemplateError(TemplateProblem.NAME_TAKEN, name, language.value) from None
            audit.record(
                session,
                actor,
                TemplateAction.ADDED,
                f"reply template added: {name} ({language.value})",
                subject=("reply_template", template.id),
                details={"name": name, "language": language.value, "length": len(body)},
                at=now,
            )
            return _row(template, actor.display_name)

    def edit(
        self,
        actor: Actor,
        template_id: int,
        *,
        name: str | None = None,
        language: Language | None = None,
        body: str | None = None,
        expected_version: int | None = None,
    ) -> TemplateRow:
        """Change what is given; `expected_version` refuses an edit based on an older read."""
        require_role(actor, MANAGERS, QT_TRANSLATE_NOOP("Errors", "manage reply templates"))
        new_name = valid_name(name) if name is not None else None
        new_body = valid_body(body) if body is not None else None
        try:
            with self._db.transaction() as session:
                template = _template(session, template_id, expected_version)
                old_name, old_language = template.name, template.language
                target_name = new_name if new_name is not None else template.name
                target_language = language if language is not None else template.language
                _refuse_taken(session, target_name, target_language, template.id)
                changed = []
                if target_name != template.name:
                    template.name, template.name_key = target_name, name_key(target_name)
                    changed.append("name")
                if target_language is not template.language:
                    template.language = target_language
                    changed.append("language")
                if new_body is not None and new_body != template.body:
                    template.body = new_body
                    changed.append("body")
                if not changed:
                    return _row(template, _agent_name(session, template.updated_by_agent_id))
                now = utcnow()
                template.updated_at = now
                template.updated_by_agent_id = actor.id
                session.flush()
                audit.record(
                    session,
                    actor,
                    TemplateAction.CHANGED,
                    f"reply template changed: {old_name} ({old_language.value})",
                    subject=("reply_template", template.id),
                    details={
                        "changed": changed,
                        "from": {"name": old_name, "language": old_language.value},
                        "to": {"name": template.name, "language": template.language.value},
                    },
                    at=now,
                )
                return _row(template, actor.display_name)
        except StaleDataError:
            raise TemplateChangedError(new_name or str(template_id)) from None

    def remove(
        self, actor: Actor, template_id: int, *, expected_version: int | None = None
    ) -> None:
        require_role(actor, MANAGERS, QT_TRANSLATE_NOOP("Errors", "manage reply templates"))
        try:
            with self._db.transaction() as session:
                template = _template(session, template_id, expected_version)
                name, language = template.name, template.language
                session.delete(template)
                session.flush()
                audit.record(
                    session,
                    actor,
                    TemplateAction.REMOVED,
                    f"reply template removed: {name} ({language.value})",
                    subject=("reply_template", template_id),
                    details={"name": name, "language": language.value},
                )
        except StaleDataError:
            raise TemplateChangedError(str(template_id)) from None

    # ----- using -----------------------------------------------------------------------------

    def render(self, actor: Actor, template_id: int, ticket_id: int) -> RenderedTemplate:
        """The template filled in for the ticket by `actor`; the use is audited."""
        with self._db.transaction() as session:
            template = session.get(ReplyTemplate, template_id)
            if template is None:
                raise TemplateError(TemplateProblem.NOT_FOUND, "#" + str(template_id))
            ticket = _ticket(session, ticket_id)
            values = ticket_values(session, ticket, actor)
            names = placeholders_in(template.body)
            text, gaps = fill(template.body, values)
            empty = tuple(
                dict.fromkeys(
                    f"{{{name}}}" for name in names if name != CURSOR and not values.get(name)
                )
            )
            audit.record(
                session,
                actor,
                TemplateAction.USED,
                f"{ticket.number}: reply template {template.name} ({template.language.value})",
                ticket_id=ticket.id,
                subject=("reply_template", template.id),
                details={
                    "template_id": template.id,
                    "name": template.name,
                    "language": template.language.value,
                },
            )
            return RenderedTemplate(template.id, template.name, text, gaps, empty)


def ticket_values(session: Session, ticket: Ticket, actor: Actor) -> dict[str, str]:
    """Every placeholder's value for `ticket` written by `actor` ('' where it has none)."""
    customer = session.get_one(Customer, ticket.customer_id)
    contact = session.get(Contact, ticket.contact_id) if ticket.contact_id else None
    contract = session.get(ServiceContract, ticket.contract_id) if ticket.contract_id else None
    service = session.get(Service, ticket.service_id) if ticket.service_id else None
    return {
        "customer": customer.name,
        "tax_id": customer.tax_id,
        "contact": f"{contact.first_name} {contact.last_name}" if contact else "",
        "ticket_number": ticket.number,
        "ticket_subject": ticket.subject,
        "contract": contract.number if contract else "",
        "notation": format_notation(service.serial, service.notation_index) if service else "",
        "serials": "\n".join(customer_serial_lines(session, customer.id)),
        "agent": actor.display_name,
    }


def customer_serial_lines(session: Session, customer_id: int) -> list[str]:
    """`(H1)-FG… (UMS/2024/00001, FortiCare 8x5)`: every service of the customer's active
    contracts, by contract number, serial and notation."""
    found = session.execute(
        select(Service.serial, Service.notation_index, Service.product, ServiceContract.number)
        .join(ServiceContract, ServiceContract.id == Service.contract_id)
        .where(
            ServiceContract.customer_id == customer_id,
            ServiceContract.state == ContractState.ACTIVE,
        )
        .order_by(ServiceContract.number, Service.serial, Service.notation_index)
    )
    return [
        f"{format_notation(serial, index)} ({number}, {product})"
        for serial, index, product, number in found
    ]


def _rows_query() -> AnySelect:
    updater = aliased(Agent)
    return (
        select(ReplyTemplate, updater.display_name)
        .outerjoin(updater, updater.id == ReplyTemplate.updated_by_agent_id)
        .order_by(ReplyTemplate.name_key, ReplyTemplate.language)
    )


def _row(template: ReplyTemplate, updated_by: str | None) -> TemplateRow:
    return TemplateRow(
        id=template.id,
        name=template.name,
        language=template.language,
        body=template.body,
        version=template.version,
        updated_at=template.updated_at,
        updated_by=updated_by,
    )


def _agent_name(session: Session, agent_id: int | None) -> str | None:
    if agent_id is None:
        return None
    return session.scalar(select(Agent.display_name).where(Agent.id == agent_id))


def _found(
    session: Session, name: str, language: Language | None, prefer: Language | None = None
) -> tuple[ReplyTemplate, str | None]:
    query = _rows_query().where(ReplyTemplate.name_key == name_key(clean_line(name)))
    if language is not None:
        query = query.where(ReplyTemplate.language == language)
    found: Sequence[tuple[ReplyTemplate, str | None]] = [
        (template, by) for template, by in session.execute(query)
    ]
    if not found:
        raise TemplateError(
            TemplateProblem.NOT_FOUND, clean_line(name), language.value if language else ""
        )
    preferred = [(template, by) for template, by in found if template.language is prefer]
    if len(found) > 1 and len(preferred) == 1:
        return preferred[0]
    if len(found) > 1:
        raise TemplateError(TemplateProblem.AMBIGUOUS, clean_line(name))
    return found[0]


def _template(session: Session, template_id: int, expected_version: int | None) -> ReplyTemplate:
    template = session.get(ReplyTemplate, template_id)
    if template is None:
        if expected_version is not None:
            raise TemplateChangedError("#" + str(template_id))
        raise TemplateError(TemplateProblem.NOT_FOUND, "#" + str(template_id))
    if expected_version is not None and template.version != expected_version:
        raise TemplateChangedError(template.name)
    return template


def _refuse_taken(session: Session, name: str, language: Language, own_id: int | None) -> None:
    other = session.scalar(
        select(ReplyTemplate.id).where(
            ReplyTemplate.name_key == name_key(name), ReplyTemplate.language == language
        )
    )
    if other is not None and other != own_id:
        raise TemplateError(TemplateProblem.NAME_TAKEN, name, language.value)


def _ticket(session: Session, ticket_id: int) -> Ticket:
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "no ticket with id %1"), ticket_id)
    return ticket


def _ticket_language(session: Session, ticket: Ticket) -> Language:
    if ticket.contact_id is not None:
        contact = session.get(Contact, ticket.contact_id)
        if contact is not None:
            return contact.language
    return session.get_one(Customer, ticket.customer_id).language
