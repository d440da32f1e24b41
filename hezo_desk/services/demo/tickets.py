"""The demo's tickets, in every state.

Each with its dialogue and internal notes and a reseller-access decision; every seventh is a
migrated case, and the first of those get the dialogue PDF the migration would attach.

Each gets its service-level dues as the desk computes them (`dues.BulkDues`): a waiting ticket
holds its clock since its last change, the first agent message is its first reply. Most open
tickets were opened days ago and are overdue; about one open ticket in four was opened in the
last hours, so some are due soon (its dialogue stops there); closed ones met or missed their
targets as their replies fell. The choice is drawn per ticket from its id, so the rest of the
demo data is what it always was for a seed; "the last hours" end at noon of the demo's day,
or now if that is earlier, so a seed and a day give the same data whenever they are loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hezo_desk.audit_words import review_flag
from hezo_desk.enums import (
    LEGACY_DIALOGUE_KIND,
    Channel,
    ContractState,
    MessageKind,
    Priority,
    TicketState,
)
from hezo_desk.local_time import WARSAW
from hezo_desk.models import (
    Agent,
    Attachment,
    Message,
    ResellerAccessChange,
    Ticket,
    TicketPause,
)
from hezo_desk.services.counters import reserve_counter
from hezo_desk.services.demo.bulk import CHUNK, bulk_insert, next_id
from hezo_desk.services.demo.vocabulary import AGENT_LINES, CUSTOMER_LINES, NOTES, SUBJECTS
from hezo_desk.services.service_levels.dues import BulkDues, BulkTicket
from hezo_desk.services.ticket_numbers import format_ticket_number

MAX_DIALOGUE_PDFS = 200

_STATE_WEIGHTS = (
    (TicketState.NEW, 3),
    (TicketState.IN_PROGRESS, 4),
    (TicketState.WAITING_FOR_CUSTOMER, 2),
    (TicketState.CLOSED, 5),
    (TicketState.CANCELLED, 1),
)
_PRIORITY_WEIGHTS = (
    (Priority.LOW, 2),
    (Priority.NORMAL, 6),
    (Priority.HIGH, 3),
    (Priority.CRITICAL, 1),
)
_CHANNELS = (Channel.PHONE, Channel.PORTAL, Channel.EMAIL, Channel.WEB_FORM)


class TicketRows:
    """Tickets with their dialogues, drawn from the random source the companies came from."""

    def __init__(
        self,
        rng: random.Random,
        today: dt.date,
        now: dt.datetime,
        progress: Callable[[str, int, int], None],
    ) -> None:
        self.rng = rng
        self.today = today
        self.now = now
        self.progress = progress
        # Migrated tickets that get a dialogue PDF (rendering is the slow part of demo data).
        self._migrated: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
        # Where the recent openings end: noon of the demo's day (Warsaw), or now if earlier.
        self._recent_end = min(
            now, dt.datetime.combine(today, dt.time(12), WARSAW).astimezone(dt.UTC)
        )
        # The open pauses of the waiting tickets not yet written.
        self._pauses: list[dict[str, Any]] = []

    def tickets(
        self,
        session: Session,
        count: int,
        contracts: list[dict[str, Any]],
        services: dict[int, list[dict[str, Any]]],
        contacts: dict[int, list[tuple[int, str]]],
        agent_ids: list[int],
    ) -> tuple[int, int]:
        if count == 0:
            return 0, 0
        active = [c for c in contracts if c["state"] is ContractState.ACTIVE]
        agent_names = dict(session.execute(select(Agent.id, Agent.display_name)).all())
        first_number = reserve_counter(session, "ticket", count)
        ticket_start = next_id(session, Ticket)
        message_id = next_id(session, Message)
        access_id = next_id(session, ResellerAccessChange)
        tickets: list[dict[str, Any]] = []
        messages: list[dict[str, Any]] = []
        accesses: list[dict[str, Any]] = []
        message_total = 0
        states = [s for s, _ in _STATE_WEIGHTS]
        state_weights = [w for _, w in _STATE_WEIGHTS]
        priorities = [p for p, _ in _PRIORITY_WEIGHTS]
        priority_weights = [w for _, w in _PRIORITY_WEIGHTS]
        bulk = BulkDues(session)
        for n in range(count):
            ticket_id = ticket_start + n
            contract = self.rng.choice(active or contracts)
            service = self.rng.choice(services[contract["id"]])
            people = contacts.get(contract["customer_id"], [])
            contact = self.rng.choice(people) if people else None
            state = self.rng.choices(states, state_weights)[0]
            migrated = n % 7 == 3
            opened = self._moment(days_back=900 if migrated else 300)
            recent = self._recent(ticket_id, state, migrated)
            if recent is not None:
                opened = recent
            legacy_number = f"Z{ticket_id:06d}" if migrated else None
            flags = None
            contract_id, service_id = contract["id"], service["id"]
            if migrated and n % 21 == 3:
                flags = review_flag("contract_not_moved", contract["number"], "expired")
                contract_id = service_id = None
            # Messages of earlier chunks are already written (and `messages` emptied).
            first_message_id = message_id + message_total + len(messages)
            dialogue = self._dialogue(
                ticket_id, opened, contact, agent_ids, agent_names, first_message_id
            )
            if recent is not None:
                # A ticket opened hours ago has only what was written until now.
                end = self._recent_end
                dialogue = [m for m in dialogue if m["created_at"] <= end] or dialogue[:1]
            messages.extend(dialogue)
            last_change = max(message["created_at"] for message in dialogue)
            access = self.rng.random() < 0.3
            priority = self.rng.choices(priorities, priority_weights)[0]
            service_level = bulk.service_level(
                service_id, active=contract["state"] is ContractState.ACTIVE,
                level_id=service.get("service_level_id"),
            )  # fmt: skip
            dues_columns, _settled = bulk.columns(
                BulkTicket(
                    service_id,
                    priority,
                    state,
                    opened,
                    closed_at=None if state.is_open else last_change,
                    first_response_at=min(
                        (m["created_at"] for m in dialogue if m["kind"] is MessageKind.AGENT),
                        default=None,
                    ),
                    waiting_since=last_change,
                    level_id=service_level,
                )
            )
            if state is TicketState.WAITING_FOR_CUSTOMER:
                # Its clock is held since it began waiting (its last change).
                self._pauses.append({"ticket_id": ticket_id, "started_at": last_change})
            # The reseller a decision is about (revision 0010): none for an unlinked ticket.
            reseller_id = contract["reseller_id"] if contract_id is not None else None
            tickets.append(
                {
                    "id": ticket_id,
                    "number": format_ticket_number(first_number + n),
                    "subject": self.rng.choice(SUBJECTS),
                    "customer_id": contract["customer_id"],
                    "contact_id": contact[0] if contact else None,
                    "contract_id": contract_id,
                    "service_id": service_id,
                    "state": state,
                    "priority": priority,
                    "channel": Channel.MIGRATION if migrated else self.rng.choice(_CHANNELS),
                    "assignee_id": self.rng.choice([None, *agent_ids[1:3]]),
                    # A yes is given to a reseller: an unlinked ticket names none.
                    "reseller_access": access and reseller_id is not None,
                    "access_reseller_id": reseller_id if access else None,
                    "legacy_number": legacy_number,
                    "opened_at": opened,
                    "updated_at": last_change,
                    "closed_at": None if state.is_open else last_change,
                    "created_by_agent_id": None if migrated else self.rng.choice(agent_ids[1:3]),
                    "migrated_at": self.now if migrated else None,
                    "review_flags": flags,
                    "reviewed_at": self.now if migrated and n % 2 == 0 and not flags else None,
                    "reviewed_by_agent_id": agent_ids[3]
                    if migrated and n % 2 == 0 and not flags
                    else None,
                    "version": 1,
                    **dues_columns,
                }
            )
            if migrated and len(self._migrated) < MAX_DIALOGUE_PDFS:
                self._migrated.append((tickets[-1], dialogue))
            accesses.append(
                {
                    "id": access_id + n,
                    "ticket_id": ticket_id,
                    "previous": None,
                    "granted": access and reseller_id is not None,
                    "agent_id": None if migrated else self.rng.choice(agent_ids[1:3]),
                    "requested_by_contact_id": contact[0] if contact else None,
                    "requested_by_name": contact[1] if contact else "zgłaszający",
                    "channel": Channel.MIGRATION if migrated else Channel.PHONE,
                    "recorded_at": opened,
                    "note": None,
                    "reseller_id": reseller_id,
                }
            )
            if len(tickets) >= CHUNK:
                message_total += self._flush_tickets(session, tickets, messages, accesses)
                self.progress("tickets", n + 1, count)
        message_total += self._flush_tickets(session, tickets, messages, accesses)
        self.progress("tickets", count, count)
        return count, message_total

    def dialogue_pdfs(self, session: Session, customers: list[dict[str, Any]]) -> None:
        """What the migration attaches to every migrated ticket: its old dialogue as a PDF."""
        from hezo_desk.services.legacy_import.ticket_rows import (  # noqa: PLC0415
            dialogue_file_name,  # named as the migration names it
        )
        from hezo_desk.services.pdf import (  # noqa: PLC0415 - reportlab only when needed
            CaseEntry,
            legacy_case_document,
            render_case_pdf,
        )

        by_id = {customer["id"]: customer for customer in customers}
        start = next_id(session, Attachment)
        rows: list[dict[str, Any]] = []
        for ticket, dialogue in self._migrated:
            customer = by_id[ticket["customer_id"]]
            legacy_number = str(ticket["legacy_number"])
            document = legacy_case_document(
                legacy_number=legacy_number,
                number=ticket["number"],
                subject=ticket["subject"],
                customer_name=customer["name"],
                tax_id=customer["tax_id"],
                state=ticket["state"],
                priority=ticket["priority"],
                opened_at=ticket["opened_at"],
                language=customer["language"],
                messages=[
                    CaseEntry(m["author_name"], m["kind"], m["created_at"], m["body"])
                    for m in dialogue
                ],
            )
            data = render_case_pdf(
                document, exported_by="HEZO Desk (migration)", exported_at=self.now
            )
            rows.append(
                {
                    "id": start + len(rows),
                    "ticket_id": ticket["id"],
                    "file_name": dialogue_file_name(legacy_number),
                    "content_type": "application/pdf",
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "data": data,
                    "kind": LEGACY_DIALOGUE_KIND,
                    "created_at": self.now,
                    "legacy_id": None,
                }
            )
        bulk_insert(session, Attachment, rows)

    def _flush_tickets(
        self,
        session: Session,
        tickets: list[dict[str, Any]],
        messages: list[dict[str, Any]],
        accesses: list[dict[str, Any]],
    ) -> int:
        written = len(messages)
        bulk_insert(session, Ticket, tickets)
        bulk_insert(session, Message, messages)
        bulk_insert(session, ResellerAccessChange, accesses)
        bulk_insert(session, TicketPause, self._pauses)
        self._pauses.clear()
        tickets.clear()
        messages.clear()
        accesses.clear()
        return written

    def _dialogue(
        self,
        ticket_id: int,
        opened: dt.datetime,
        contact: tuple[int, str] | None,
        agent_ids: list[int],
        agent_names: dict[int, str],
        first_id: int,
    ) -> list[dict[str, Any]]:
        moment = opened
        rows: list[dict[str, Any]] = []
        customer_name = contact[1] if contact else "Klient"
        for index in range(self.rng.choice((1, 2, 3, 3, 4, 5, 6, 8))):
            if index == 0:
                kind = MessageKind.CUSTOMER
            else:
                kind = self.rng.choices(
                    (MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.INTERNAL_NOTE),
                    (3, 4, 1),
                )[0]
            agent_id = self.rng.choice(agent_ids[1:4]) if kind is not MessageKind.CUSTOMER else None
            lines = {
                MessageKind.CUSTOMER: CUSTOMER_LINES,
                MessageKind.AGENT: AGENT_LINES,
                MessageKind.INTERNAL_NOTE: NOTES,
            }[kind]
            body = self.rng.choice(lines)
            if self.rng.random() < 0.3:
                body += "\n\n" + self.rng.choice(lines)
            rows.append(
                {
                    "id": first_id + index,
                    "ticket_id": ticket_id,
                    "kind": kind,
                    "author_name": agent_names[agent_id] if agent_id else customer_name,
                    "author_agent_id": agent_id,
                    "author_contact_id": contact[0] if contact and agent_id is None else None,
                    "body": body,
                    "created_at": moment,
                }
            )
            moment += dt.timedelta(minutes=self.rng.randrange(5, 60 * 48))
        return rows

    def _recent(self, ticket_id: int, state: TicketState, migrated: bool) -> dt.datetime | None:
        """For about one open ticket in four, an opening in the last hours (else None)."""
        if migrated or not state.is_open:
            return None
        draw = random.Random(ticket_id * 7919)
        if draw.random() >= 0.25:
            return None
        return self._recent_end - dt.timedelta(minutes=draw.randrange(10, 8 * 60))

    def _moment(self, *, days_back: int) -> dt.datetime:
        day = self.today - dt.timedelta(days=self.rng.randrange(1, days_back))
        local = dt.datetime.combine(
            day, dt.time(self.rng.randrange(7, 18), self.rng.randrange(60)), WARSAW
        )
        return local.astimezone(dt.UTC)
