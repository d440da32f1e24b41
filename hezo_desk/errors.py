"""Errors the user can act on, shared by every layer.

A `UserError` means the input was wrong: the CLI exits with 2 and prints the
message, the windows show it next to the field. Anything else is a failure of
the system (database unreachable, disk full) and is reported as such.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from hezo_desk.placeholders import fill

# The catalogue context of every error told by code (`QT_TRANSLATE_NOOP("Errors", …)`).
ERRORS_CONTEXT = "Errors"


@dataclass(frozen=True)
class Coded:
    """A sentence told by code, for a value or a part of an error: `template` is marked with
    `QT_TRANSLATE_NOOP("Errors", …)`, `params` fill its `%1`, `%2`, … (a list or tuple of
    them is worded one by one and joined with "; ")."""

    template: str
    params: tuple[object, ...] = ()
    # The catalogue context the template is marked in.
    context: str = "Errors"

    def __str__(self) -> str:
        return fill(self.template, *(_english(param) for param in self.params))


def _english(param: object) -> object:
    if isinstance(param, list | tuple):
        return "; ".join(str(_english(item)) for item in param)
    return param


class HezoError(Exception):
    """Base of all errors HEZO Desk raises on purpose, told by code with parameters.

    `template` is the error's code: an English source sentence marked for the catalogue with
    `QT_TRANSLATE_NOOP("Errors", "no ticket with id %1")`, never a sentence built with the
    values in it; `values` are the values for `%1`, `%2`, … The window, the PDF and the
    command line word it in their language (`hezo_desk/wording.py`: `coded_error_text`);
    `str()` gives the English words (logs, tests).
    """

    def __init__(self, template: str = "", *params: object) -> None:
        super().__init__(template, *params)
        self.template = template
        self.values = params

    def __str__(self) -> str:
        if not self.values:
            return self.template
        return fill(self.template, *(_english(param) for param in self.values))


class UserError(HezoError):
    """The input is wrong; the message says exactly what and how to fix it."""


class NotFoundError(UserError):
    """A thing the user named does not exist."""


class PermissionDeniedError(UserError):
    """The acting agent's role does not allow this action."""


class ConflictError(HezoError):
    """Someone else changed the record since the caller read it."""


class DatabaseError(HezoError):
    """The database cannot be used (unreachable, too new, not upgraded)."""


class InputField(enum.StrEnum):
    """A value the user types that the desk stores or looks up with a length limit.

    The values are stable codes (scripts may read them); `hezo_desk/wording.py` names each
    field in words, and `hezo_desk/services/limits.py` knows its limit.
    """

    CUSTOMER_NAME = "customer_name"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    EMAIL = "email"
    PHONE = "phone"
    LOGIN = "login"
    DISPLAY_NAME = "display_name"
    SUBJECT = "subject"
    REQUESTER_NAME = "requester_name"
    FILE_NAME = "file_name"
    LOOKUP = "lookup"
    SEARCH = "search"


class FieldTooLongError(UserError):
    """`field` holds `length` characters where at most `limit` fit.

    Told by code and numbers, never by an English sentence: the window and the command line
    word it in their own language (`hezo_desk/wording.py`), naming the field and the limit.
    """

    def __init__(self, field: InputField, limit: int, length: int) -> None:
        super().__init__("%1: %2 characters, at most %3", field.value, length, limit)
        self.field = field
        self.limit = limit
        self.length = length


class ReservedRoleNameError(UserError):
    """`name` is one PostgreSQL reserves (`current_user`, `public`, a `pg_` role, …)."""

    def __init__(self, name: str) -> None:
        super().__init__("reserved role name: %1", name)
        self.name = name
