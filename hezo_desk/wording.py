"""How the errors told by code read: English source words, marked for the desk's catalogue.

Services raise `FieldTooLongError` and its kin with a code and numbers, no sentence. The
window words them in the desk's language (`ui/error_wording.py` passes Qt's translate), the
command line in English (`cli/failures.py` passes none); both read the words here, so a field
is called the same everywhere. Add or change a word, then run `scripts/update-translations`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.errors import (
    FieldTooLongError,
    InputField,
    LevelProblem,
    ReservedRoleNameError,
    ServiceLevelConflictError,
    ServiceLevelRefusedError,
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
TOO_LONG = QT_TRANSLATE_NOOP("Errors", "The %1 is too long: %2 characters, at most %3 fit")
RESERVED_ROLE = QT_TRANSLATE_NOOP(
    "Errors", "%1 is a name PostgreSQL reserves for itself; choose another role name"
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
    if isinstance(error, ServiceLevelRefusedError):
        return fill(translate(ERRORS, LEVEL_PROBLEMS[error.problem]), *error.params)
    if isinstance(error, ServiceLevelConflictError):
        return fill(translate(ERRORS, LEVEL_CONFLICT), error.name)
    return None
