"""How every screen words a failure: one sentence, in the desk's language.

Our own errors (`HezoError`) already say what is wrong and how to fix it; anything else is a
failure of the system, shown by its type and the first line of its message (never a whole
SQL statement with its parameters).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hezo_desk.errors import HezoError
from hezo_desk.placeholders import fill
from hezo_desk.wording import coded_error_text


def error_text(error: object) -> str:
    """`error` as the agent reads it in a status line, a dialog or next to a field."""
    if isinstance(error, BaseException):
        coded = coded_error_text(error, QCoreApplication.translate)
        if coded is not None:
            return coded
    if isinstance(error, HezoError):
        return str(error)
    lines = str(error).strip().splitlines()
    detail = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
    return fill(QCoreApplication.translate("Errors", "Unexpected error: %1"), detail)
