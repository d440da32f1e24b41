"""Ticket numbers: issuing `HD-000123`, reading what an agent types as one, finding its ticket."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.errors import NotFoundError, UserError
from hezo_desk.models import Ticket

TICKET_NUMBER_PREFIX = "HD-"
_TICKET_NUMBER = re.compile(r"^\s*HD\s*[-‐–—]?\s*0*(\d{1,12})\s*$", re.IGNORECASE)


def format_ticket_number(sequence: int) -> str:
    return f"{TICKET_NUMBER_PREFIX}{sequence:06d}"


def parse_ticket_number(text: str) -> str | None:
    """'hd 123', 'HD-000123' → 'HD-000123'; None when the text is no ticket number of ours."""
    match = _TICKET_NUMBER.match(text)
    return format_ticket_number(int(match.group(1))) if match else None


def ticket_id_for(session: Session, reference: str) -> int:
    """A ticket id from what an agent types: 'HD-000123', 'hd 123' or a legacy number."""
    text = reference.strip()
    if not text:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "ticket number is empty"))
    number = parse_ticket_number(text)
    if number is not None:
        found = session.scalar(select(Ticket.id).where(Ticket.number == number))
    else:
        found = session.scalar(
            select(Ticket.id).where(Ticket.legacy_number.in_({text, text.upper()}))
        )
    if found is None:
        raise NotFoundError(
            QT_TRANSLATE_NOOP("Errors", "no ticket “%1” (new numbers look like HD-000123)"), text
        )
    return found
