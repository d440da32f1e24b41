"""The closed sets of values the domain knows: plain enums every layer may import.

They live outside `hezo_desk.models` so that the UI and the command line can name a role or
a state without importing (and registering) every ORM mapper.
"""

from __future__ import annotations

import enum

# The attachment kind of the PDF the migration renders from a legacy dialogue: it carries
# the internal notes, so it is staff-only (other attachments are of the kind "file").
LEGACY_DIALOGUE_KIND = "legacy_dialogue"


class Role(enum.StrEnum):
    AGENT = "agent"
    BACK_OFFICE = "back_office"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"


class ContractState(enum.StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class TicketState(enum.StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING_FOR_CUSTOMER = "waiting_for_customer"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in OPEN_TICKET_STATES


OPEN_TICKET_STATES = frozenset(
    {TicketState.NEW, TicketState.IN_PROGRESS, TicketState.WAITING_FOR_CUSTOMER}
)


class Priority(enum.StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"


class Channel(enum.StrEnum):
    PHONE = "phone"
    PORTAL = "portal"
    WEB_FORM = "web_form"
    EMAIL = "email"
    MIGRATION = "migration"


class AccessChangeReason(enum.StrEnum):
    """Why the desk itself changed a ticket's reseller access (the customer decides the rest)."""

    # The ticket's contract, and with it its reseller, changed: a yes is given to one reseller
    # and does not follow the ticket to another.
    RESELLER_CHANGED = "reseller_changed"


class MessageKind(enum.StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"
    INTERNAL_NOTE = "internal_note"


class Language(enum.StrEnum):
    POLISH = "pl"
    ENGLISH = "en"


class CallDirection(enum.StrEnum):
    INBOUND = "in"
    OUTBOUND = "out"


class CallEventKind(enum.StrEnum):
    """What the phone system says about a call: it rings, it is answered, it ends."""

    RING = "ring"
    ANSWER = "answer"
    HANGUP = "hangup"


class CalendarKind(enum.StrEnum):
    """The time a service level's targets count: every minute, or the desk's business hours.

    Here (not in the service-level services) because a service level stored in the database
    names its calendar, and the models may import only the leaves.
    """

    ALWAYS = "24x7"
    BUSINESS_HOURS = "business_hours"


class CallState(enum.StrEnum):
    """Where a call in the journal stands, read from its ring, answer and hang-up times."""

    RINGING = "ringing"
    LIVE = "live"
    ANSWERED = "answered"
    # An incoming call nobody answered: it waits on the call-back list.
    MISSED = "missed"
    # An outgoing call the other side did not answer.
    NOT_REACHED = "not_reached"
