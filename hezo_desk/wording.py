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
    DashboardPeriodError,
    FieldTooLongError,
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
TOO_LONG = QT_TRANSLATE_NOOP("Errors", "The %1 is too long: %2 characters, at most %3 fit")
RESERVED_ROLE = QT_TRANSLATE_NOOP(
    "Errors", "%1 is a name PostgreSQL reserves for itself; choose another role name"
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
    if isinstance(error, DashboardPeriodError):
        return fill(
            translate(ERRORS, DASHBOARD_PERIOD), error.first_day, error.last_day, error.max_days
        )
    return None
