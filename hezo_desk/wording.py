"""How the errors told by code read: English source words, marked for the desk's catalogue.

Services raise `FieldTooLongError` and its kin with a code and numbers, no sentence. The
window words them in the desk's language (`ui/error_wording.py` passes Qt's translate), the
command line in English (`cli/failures.py` passes none); both read the words here, so a field
is called the same everywhere. Add or change a word, then run `scripts/update-translations`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.enums import (
    CalendarKind,
    CallDirection,
    CallEventKind,
    CallState,
    Channel,
    ContractState,
    Language,
    Priority,
    Role,
    TicketState,
)
from hezo_desk.errors import (
    ERRORS_CONTEXT,
    Coded,
    DashboardPeriodError,
    FieldTooLongError,
    HezoError,
    InputField,
    LevelProblem,
    ReservedRoleNameError,
    ServiceLevelConflictError,
    ServiceLevelRefusedError,
    TemplateChangedError,
    TemplateError,
    TemplateProblem,
)
from hezo_desk.local_time import local_minute
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
        InputField.TEMPLATE_NAME: QT_TRANSLATE_NOOP("Fields", "template name"),
        InputField.TEMPLATE_BODY: QT_TRANSLATE_NOOP("Fields", "template text"),
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
        Language.POLISH: QT_TRANSLATE_NOOP("Labels", "Polish"),
        Language.ENGLISH: QT_TRANSLATE_NOOP("Labels", "English"),
        CalendarKind.ALWAYS: QT_TRANSLATE_NOOP("Labels", "24x7: every minute"),
        CalendarKind.BUSINESS_HOURS: QT_TRANSLATE_NOOP("Labels", "business hours: Mon–Fri 8–16"),
    }
)
# Keyed by type too: equal StrEnum values of two enums ("cancelled") are one dict key.
_BY_TYPE = {(type(value), value.value): words for value, words in VALUE_WORDS.items()}
TOO_LONG = QT_TRANSLATE_NOOP("Errors", "The %1 is too long: %2 characters, at most %3 fit")
RESERVED_ROLE = QT_TRANSLATE_NOOP(
    "Errors", "%1 is a name PostgreSQL reserves for itself; choose another role name"
)

# A reply template refused: %1 the name or placeholder, %2 the language, %3 the placeholders
# the desk knows.
TEMPLATE_PROBLEMS: Mapping[TemplateProblem, str] = MappingProxyType(
    {
        TemplateProblem.UNKNOWN_PLACEHOLDER: QT_TRANSLATE_NOOP(
            "Errors", "The template uses the unknown placeholder %1; the desk knows %3"
        ),
        TemplateProblem.EMPTY_NAME: QT_TRANSLATE_NOOP("Errors", "The template has no name"),
        TemplateProblem.NAME_CONTROL_CHARACTER: QT_TRANSLATE_NOOP(
            "Errors",
            "The template's name holds a control character (a line break, a tab, an escape or "
            "a direction mark); give it as one line of visible characters",
        ),
        TemplateProblem.EMPTY_BODY: QT_TRANSLATE_NOOP("Errors", "The template has no text"),
        TemplateProblem.NUL_CHARACTER: QT_TRANSLATE_NOOP(
            "Errors", "The template contains a NUL character, which cannot be stored"
        ),
        TemplateProblem.NAME_TAKEN: QT_TRANSLATE_NOOP(
            "Errors", "A template named %1 in the language %2 exists already; choose another name"
        ),
        TemplateProblem.NOT_FOUND: QT_TRANSLATE_NOOP("Errors", "No reply template is named %1"),
        TemplateProblem.AMBIGUOUS: QT_TRANSLATE_NOOP(
            "Errors",
            "Templates named %1 exist in several languages; name the language (--language)",
        ),
    }
)
TEMPLATE_CHANGED = QT_TRANSLATE_NOOP(
    "Errors",
    "The template %1 was changed or removed by someone else meanwhile; read it again and redo "
    "your change",
)
LEVEL_PROBLEMS: Mapping[LevelProblem, str] = MappingProxyType(
    {
        LevelProblem.NAME_EMPTY: QT_TRANSLATE_NOOP("Errors", "Name the service level."),
        LevelProblem.NAME_TOO_LONG: QT_TRANSLATE_NOOP(
            "Errors", "The service level's name is too long: %2 characters, at most %1 fit."
        ),
        LevelProblem.NAME_TAKEN: QT_TRANSLATE_NOOP(
            "Errors", "A service level named %1 already exists (letter case aside)."
        ),
        LevelProblem.NAME_CONTROL_CHARACTER: QT_TRANSLATE_NOOP(
            "Errors",
            "The service level's name holds a control character (a line break, a tab, an escape "
            "or a direction mark); give it as one line of visible characters.",
        ),
        LevelProblem.MINUTES_NEGATIVE: QT_TRANSLATE_NOOP(
            "Errors", "A target cannot be negative (%1 minutes)."
        ),
        LevelProblem.MINUTES_TOO_MANY: QT_TRANSLATE_NOOP(
            "Errors", "A target of %1 minutes is more than the %2 a target may have."
        ),
        LevelProblem.TARGET_UNREADABLE: QT_TRANSLATE_NOOP(
            "Errors",
            "“%1” is not a target: give PRIORITY=MINUTES, PRIORITY=nbd (next business day) "
            "or PRIORITY=none.",
        ),
        LevelProblem.UNKNOWN_PRIORITY: QT_TRANSLATE_NOOP(
            "Errors", "“%1” is not a priority: critical, high, normal or low."
        ),
        LevelProblem.UNKNOWN_CALENDAR: QT_TRANSLATE_NOOP(
            "Errors", "“%1” is not a calendar: 24x7 or business-hours."
        ),
        LevelProblem.NO_SUCH_LEVEL: QT_TRANSLATE_NOOP(
            "Errors", "No service level is named %1 (see `hezo-desk service-level list`)."
        ),
        LevelProblem.IN_USE: QT_TRANSLATE_NOOP(
            "Errors",
            "The service level %1 is the level of %2 service(s): give them another level first.",
        ),
        LevelProblem.BUILT_IN: QT_TRANSLATE_NOOP(
            "Errors",
            "The service level %1 is one the desk picks by itself (by product or for no "
            "service); it can be changed but not removed.",
        ),
        LevelProblem.NO_SUCH_SERVICE: QT_TRANSLATE_NOOP(
            "Errors", "No service has the serial or notation %1."
        ),
        LevelProblem.SERVICE_AMBIGUOUS: QT_TRANSLATE_NOOP(
            "Errors", "The serial %1 has several services (%2): name one by its notation."
        ),
    }
)
LEVEL_CONFLICT = QT_TRANSLATE_NOOP(
    "Errors",
    "The service level %1 was changed by someone else meanwhile; your change was not saved. "
    "Read it again and redo your change.",
)

# After a level's targets (or a service's level) changed: what it means for tickets, and the
# command or button (%1) that moves open tickets onto the new targets.
TARGETS_CHANGED = QT_TRANSLATE_NOOP(
    "ServiceLevels",
    "Tickets opened from now on get the new targets; open tickets keep theirs until a supervisor recomputes them (%1).",  # noqa: E501
)
DASHBOARD_PERIOD = QT_TRANSLATE_NOOP(
    "Errors", "Choose a period from %1 to %2 that runs forward and spans at most %3 days"
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
    if isinstance(error, TemplateError):
        return fill(
            translate(ERRORS, TEMPLATE_PROBLEMS[error.problem]),
            error.detail,
            _language_words(error.language, translate),
            ", ".join(error.known),
        )
    if isinstance(error, TemplateChangedError):
        return fill(translate(ERRORS, TEMPLATE_CHANGED), error.name)
    if isinstance(error, ServiceLevelRefusedError):
        return fill(translate(ERRORS, LEVEL_PROBLEMS[error.problem]), *error.params)
    if isinstance(error, ServiceLevelConflictError):
        return fill(translate(ERRORS, LEVEL_CONFLICT), error.name)
    if isinstance(error, DashboardPeriodError):
        return fill(
            translate(ERRORS, DASHBOARD_PERIOD), error.first_day, error.last_day, error.max_days
        )
    template = getattr(error, "template", "")  # a subclass may not call HezoError's init
    if isinstance(error, HezoError) and template:
        return coded_text(template, getattr(error, "values", ()), translate)
    return None


def _language_words(code: str, translate: Translate) -> str:
    """A template's language code ("pl") by name in the reader's language ("Polish")."""
    try:
        return value_words(Language(code), translate)
    except ValueError:
        return code


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


# ----- service levels: a ticket's dues in its history, the recompute command -----------------

SERVICE_LEVELS = "ServiceLevels"
# Why a ticket's dues changed: the `reason` codes of `ticket.dues_changed` (service_levels.dues).
DUES_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "opened": QT_TRANSLATE_NOOP("ServiceLevels", "Dues set at opening"),
        "paused": QT_TRANSLATE_NOOP("ServiceLevels", "Clock paused while waiting for the customer"),
        "resumed": QT_TRANSLATE_NOOP("ServiceLevels", "Clock resumed"),
        "responded": QT_TRANSLATE_NOOP("ServiceLevels", "First reply to the customer"),
        "stopped": QT_TRANSLATE_NOOP("ServiceLevels", "Clock stopped (closed or cancelled)"),
        "reopened": QT_TRANSLATE_NOOP(
            "ServiceLevels", "Clock resumed on reopening (the closed time does not count)"
        ),
        "priority_changed": QT_TRANSLATE_NOOP(
            "ServiceLevels", "Dues recomputed for the new priority"
        ),
        "service_changed": QT_TRANSLATE_NOOP(
            "ServiceLevels", "Dues recomputed for the new service's level"
        ),
        "recomputed": QT_TRANSLATE_NOOP(
            "ServiceLevels", "Dues recomputed after the service level changed"
        ),
        "migrated": QT_TRANSLATE_NOOP(
            "ServiceLevels", "Dues counted from the legacy opening at migration"
        ),
    }
)
DUES_NOW = QT_TRANSLATE_NOOP("ServiceLevels", "response due %1, resolution due %2")
DUES_WERE = QT_TRANSLATE_NOOP("ServiceLevels", "(were %1 and %2)")
NO_DUE = QT_TRANSLATE_NOOP("ServiceLevels", "none")
RESPONSE_MET = QT_TRANSLATE_NOOP("ServiceLevels", "response target met")
RESPONSE_MISSED = QT_TRANSLATE_NOOP("ServiceLevels", "response target missed")
RESOLUTION_MET = QT_TRANSLATE_NOOP("ServiceLevels", "resolution target met")
RESOLUTION_MISSED = QT_TRANSLATE_NOOP("ServiceLevels", "resolution target missed")
OVERDUE_ON_ARRIVAL = QT_TRANSLATE_NOOP("ServiceLevels", "already overdue on arrival")
RECOMPUTED = QT_TRANSLATE_NOOP(
    "ServiceLevels", "Service level %1: %2 open ticket(s) recomputed, %3 with changed dues"
)


def dues_change_text(details: Mapping[str, Any], translate: Translate = in_english) -> str:
    """A `ticket.dues_changed` entry in words: why, the dues now (Warsaw time), the dues
    before when they moved, and the targets decided."""

    def words(source: str) -> str:
        return translate(SERVICE_LEVELS, source)

    def due(dues: Mapping[str, Any] | None, which: str) -> str:
        value = (dues or {}).get(which)
        if not value:
            return words(NO_DUE)
        return local_minute(dt.datetime.fromisoformat(str(value)))

    reason = str(details.get("reason", ""))
    after, before = details.get("to"), details.get("from")
    text = fill(words(DUES_NOW), due(after, "response_due"), due(after, "resolution_due"))
    if before is not None and any(
        before.get(key) != (after or {}).get(key) for key in ("response_due", "resolution_due")
    ):
        text += " " + fill(
            words(DUES_WERE), due(before, "response_due"), due(before, "resolution_due")
        )
    decided = [
        words(met if details[flag] else missed)
        for flag, met, missed in (
            ("response_met", RESPONSE_MET, RESPONSE_MISSED),
            ("resolution_met", RESOLUTION_MET, RESOLUTION_MISSED),
        )
        if details.get(flag) is not None
    ]
    if details.get("overdue_at_migration"):
        decided.append(words(OVERDUE_ON_ARRIVAL))
    why = words(DUES_REASONS[reason]) if reason in DUES_REASONS else reason
    return f"{why}: " + ", ".join([text, *decided])


def recomputed_text(
    level: str, tickets: int, changed: int, translate: Translate = in_english
) -> str:
    return fill(translate(SERVICE_LEVELS, RECOMPUTED), level, tickets, changed)
