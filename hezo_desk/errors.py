"""Errors the user can act on, shared by every layer.

A `UserError` means the input was wrong: the CLI exits with 2 and prints the
message, the windows show it next to the field. Anything else is a failure of
the system (database unreachable, disk full) and is reported as such.
"""

from __future__ import annotations


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
