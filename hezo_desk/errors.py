"""Errors the user can act on, shared by every layer.

A `UserError` means the input was wrong: the CLI exits with 2 and prints the
message, the windows show it next to the field. Anything else is a failure of
the system (database unreachable, disk full) and is reported as such.
"""

from __future__ import annotations

import datetime as dt
import enum


class HezoError(Exception):
    """Base of all errors HEZO Desk raises on purpose."""


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
        super().__init__(f"{field.value}: {length} characters, at most {limit}")
        self.field = field
        self.limit = limit
        self.length = length


class ReservedRoleNameError(UserError):
    """`name` is one PostgreSQL reserves (`current_user`, `public`, a `pg_` role, …)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"reserved role name: {name}")
        self.name = name


class DashboardPeriodError(UserError):
    """The dashboard's period runs backwards or is longer than `max_days` days.

    Told by dates and numbers: `hezo_desk/wording.py` words it.
    """

    def __init__(self, first_day: dt.date, last_day: dt.date, max_days: int) -> None:
        super().__init__(f"period {first_day} to {last_day}: at most {max_days} days, in order")
        self.first_day = first_day
        self.last_day = last_day
        self.max_days = max_days
