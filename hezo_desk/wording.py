"""How the errors told by code read: English source words, marked for the desk's catalogue.

Services raise `FieldTooLongError` and its kin with a code and numbers, no sentence. The
window words them in the desk's language (`ui/error_wording.py` passes Qt's translate), the
command line in English (`cli/failures.py` passes none); both read the words here, so a field
is called the same everywhere. Add or change a word, then run `scripts/update-translations`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from types import MappingProxyType

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.enums import (
    CallDirection,
    CallEventKind,
    CallState,
    Channel,
    ContractState,
    Priority,
    Role,
    TicketState,
)
from hezo_desk.errors import (
    ERRORS_CONTEXT,
    Coded,
    FieldTooLongError,
    HezoError,
    InputField,
    ReservedRoleNameError,
)
from hezo_desk.placeholders import fill

# (context, English source) → the words in the reader's language.
Translate = Callable[[str, str], str]
ERRORS = "Errors"
FIELDS = "Fields"

FIELD_NAMES: Mapping[InputField, str] = MappingProxyType(
    {
        InputField.CUSTOMER_NAME: QT_TRANSLATE_NOOP("Fields", "company name"),
        InputField.FIRST_NAME: QT_TRANSLATE_NOOP("Fields", "first name"),
        InputField.LAST_NAME: QT_TRANSLATE_NOOP("Fields", "last name"),
        InputField.EMAIL: QT_TRANSLATE_NOOP("Fields", "e-mail address"),
        InputField.PHONE: QT_TRANSLATE_NOOP("Fields", "phone number"),
        InputField.LOGIN: QT_TRANSLATE_NOOP("Fields", "login"),
        InputField.DISPLAY_NAME: QT_TRANSLATE_NOOP("Fields", "display name"),
        InputField.SUBJECT: QT_TRANSLATE_NOOP("Fields", "subject"),
        InputField.REQUESTER_NAME: QT_TRANSLATE_NOOP("Fields", "requester's name"),
        InputField.FILE_NAME: QT_TRANSLATE_NOOP("Fields", "file name"),
        InputField.LOOKUP: QT_TRANSLATE_NOOP("Fields", "lookup"),
        InputField.SEARCH: QT_TRANSLATE_NOOP("Fields", "search"),
    }
)
# The domain's values by name, in the words (and the context) the window's labels use.
LABELS = "Labels"
VALUE_WORDS: Mapping[enum.Enum, str] = MappingProxyType(
    {
        TicketState.NEW: QT_TRANSLATE_NOOP("Labels", "new"),
        TicketState.IN_PROGRESS: QT_TRANSLATE_NOOP("Labels", "in progress"),
        TicketState.WAITING_FOR_CUSTOMER: QT_TRANSLATE_NOOP("Labels", "waiting for the customer"),
        TicketState.CLOSED: QT_TRANSLATE_NOOP("Labels", "closed"),
        TicketState.CANCELLED: QT_TRANSLATE_NOOP("Labels", "cancelled"),
        Priority.LOW: QT_TRANSLATE_NOOP("Labels", "low"),
        Priority.NORMAL: QT_TRANSLATE_NOOP("Labels", "normal"),
        Priority.HIGH: QT_TRANSLATE_NOOP("Labels", "high"),
        Priority.CRITICAL: QT_TRANSLATE_NOOP("Labels", "critical"),
        Channel.PHONE: QT_TRANSLATE_NOOP("Labels", "phone"),
        Channel.PORTAL: QT_TRANSLATE_NOOP("Labels", "portal"),
        Channel.WEB_FORM: QT_TRANSLATE_NOOP("Labels", "web form"),
        Channel.EMAIL: QT_TRANSLATE_NOOP("Labels", "e-mail"),
        Channel.MIGRATION: QT_TRANSLATE_NOOP("Labels", "migration"),
        ContractState.ACTIVE: QT_TRANSLATE_NOOP("Labels", "active"),
        ContractState.EXPIRED: QT_TRANSLATE_NOOP("Labels", "expired"),
        ContractState.CANCELLED: QT_TRANSLATE_NOOP("Labels", "cancelled"),
        CallState.RINGING: QT_TRANSLATE_NOOP("Labels", "ringing"),
        CallState.LIVE: QT_TRANSLATE_NOOP("Labels", "on the line"),
        CallState.ANSWERED: QT_TRANSLATE_NOOP("Labels", "answered"),
        CallState.MISSED: QT_TRANSLATE_NOOP("Labels", "missed"),
        CallState.NOT_REACHED: QT_TRANSLATE_NOOP("Labels", "not reached"),
        CallDirection.INBOUND: QT_TRANSLATE_NOOP("Labels", "incoming"),
        CallDirection.OUTBOUND: QT_TRANSLATE_NOOP("Labels", "outgoing"),
        CallEventKind.RING: QT_TRANSLATE_NOOP("Labels", "ringing"),
        CallEventKind.ANSWER: QT_TRANSLATE_NOOP("Labels", "answered"),
        CallEventKind.HANGUP: QT_TRANSLATE_NOOP("Labels", "hung up"),
        Role.AGENT: QT_TRANSLATE_NOOP("Labels", "agent"),
        Role.BACK_OFFICE: QT_TRANSLATE_NOOP("Labels", "back office"),
        Role.SUPERVISOR: QT_TRANSLATE_NOOP("Labels", "supervisor"),
        Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("Labels", "administrator"),
    }
)
# Keyed by type too: equal StrEnum values of two enums ("cancelled") are one dict key.
_BY_TYPE = {(type(value), value.value): words for value, words in VALUE_WORDS.items()}
TOO_LONG = QT_TRANSLATE_NOOP("Errors", "The %1 is too long: %2 characters, at most %3 fit")
RESERVED_ROLE = QT_TRANSLATE_NOOP(
    "Errors", "%1 is a name PostgreSQL reserves for itself; choose another role name"
)


def in_english(context: str, source: str) -> str:
    del context
    return source


def coded_error_text(error: BaseException, translate: Translate = in_english) -> str | None:
    """The sentence for an error told by code; None for any other error."""
    if isinstance(error, FieldTooLongError):
        field = translate(FIELDS, FIELD_NAMES[error.field])
        return fill(translate(ERRORS, TOO_LONG), field, error.length, error.limit)
    if isinstance(error, ReservedRoleNameError):
        return fill(translate(ERRORS, RESERVED_ROLE), error.name)
    template = getattr(error, "template", "")  # a subclass may not call HezoError's init
    if isinstance(error, HezoError) and template:
        return coded_text(template, getattr(error, "values", ()), translate)
    return None


def value_words(value: enum.Enum, translate: Translate = in_english) -> str:
    """A state, priority, channel, role, … by name in the reader's language (its code when
    the desk has no word for it)."""
    source = _BY_TYPE.get((type(value), value.value))
    return translate(LABELS, source) if source is not None else str(value.value)


def coded_text(
    template: str,
    params: tuple[object, ...],
    translate: Translate = in_english,
    context: str = ERRORS_CONTEXT,
) -> str:
    """A sentence told by code (`template`, marked in the "Errors" context) with its values;
    a value that is itself an error told by code is worded too."""
    worded = [_worded(param, translate) for param in params]
    return fill(translate(context, template), *worded)


def _worded(param: object, translate: Translate) -> object:
    if isinstance(param, Coded):
        return coded_text(param.template, param.params, translate, param.context)
    if isinstance(param, list | tuple):
        return "; ".join(str(_worded(item, translate)) for item in param)
    if isinstance(param, enum.Enum) and (type(param), param.value) in _BY_TYPE:
        return value_words(param, translate)
    if isinstance(param, BaseException):
        coded = coded_error_text(param, translate)
        return coded if coded is not None else param
    return param
