"""Errors the user can act on, shared by every layer.

A `UserError` means the input was wrong: the CLI exits with 2 and prints the
message, the windows show it next to the field. Anything else is a failure of
the system (database unreachable, disk full) and is reported as such.
"""

from __future__ import annotations

import datetime as dt
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
    TEMPLATE_NAME = "template_name"
    TEMPLATE_BODY = "template_body"


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


class TemplateProblem(enum.StrEnum):
    """What is wrong with a reply template or its name (`TemplateError.problem`)."""

    # The body names a placeholder the desk does not know; `detail` is it, braces and all.
    UNKNOWN_PLACEHOLDER = "unknown_placeholder"
    EMPTY_NAME = "empty_name"
    # The name holds a control character (a line break, an escape, a direction override).
    NAME_CONTROL_CHARACTER = "name_control_character"
    EMPTY_BODY = "empty_body"
    NUL_CHARACTER = "nul_character"
    # Another template of that language has the name (`detail`: the name, `language`).
    NAME_TAKEN = "name_taken"
    # No template has the name (in `language`, when given).
    NOT_FOUND = "not_found"
    # Templates of both languages have the name: the language must be named.
    AMBIGUOUS = "ambiguous"


class TemplateError(UserError):
    """A reply template refused, by code: `problem`, the name or placeholder (`detail`), the
    language (`language`, "pl"/"en" or "") and, for an unknown placeholder, the placeholders
    the desk knows (`known`); `hezo_desk/wording.py` words it."""

    def __init__(
        self,
        problem: TemplateProblem,
        detail: str = "",
        language: str = "",
        known: tuple[str, ...] = (),
    ) -> None:
        super().__init__(f"template: {problem.value} {detail} {language}".strip())
        self.problem = problem
        self.detail = detail
        self.language = language
        self.known = known


class TemplateChangedError(ConflictError):
    """The template was changed or removed by someone else since the caller read it."""

    def __init__(self, name: str) -> None:
        super().__init__(f"template {name} changed meanwhile")
        self.name = name


class LevelProblem(enum.StrEnum):
    """Why a service level (or a service's level) was not saved; stable codes, worded in
    `hezo_desk/wording.py`. The error's `params` fill the wording's %1, %2, … in order."""

    NAME_EMPTY = "name_empty"
    NAME_TOO_LONG = "name_too_long"  # limit, length
    NAME_TAKEN = "name_taken"  # the name taken
    NAME_CONTROL_CHARACTER = "name_control_character"  # (no params: the name is not echoed)
    MINUTES_NEGATIVE = "minutes_negative"  # minutes
    MINUTES_TOO_MANY = "minutes_too_many"  # minutes, the most allowed
    TARGET_UNREADABLE = "target_unreadable"  # the text
    UNKNOWN_PRIORITY = "unknown_priority"  # the text
    UNKNOWN_CALENDAR = "unknown_calendar"  # the text
    NO_SUCH_LEVEL = "no_such_level"  # the name
    IN_USE = "in_use"  # name, how many services
    BUILT_IN = "built_in"  # name
    NO_SUCH_SERVICE = "no_such_service"  # the text
    SERVICE_AMBIGUOUS = "service_ambiguous"  # the text, the notations it may mean


class ServiceLevelRefusedError(UserError):
    """A change to the service levels refused, told by `problem` and its `params`."""

    def __init__(self, problem: LevelProblem, *params: object) -> None:
        super().__init__(f"{problem.value}: {', '.join(map(str, params))}")
        self.problem = problem
        self.params = tuple(params)


class ServiceLevelConflictError(ConflictError):
    """The level `name` was changed by someone else since the caller read it."""

    def __init__(self, name: str) -> None:
        super().__init__(f"service level {name} changed meanwhile")
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
