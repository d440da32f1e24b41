"""How commands survive database faults, and how they word an error for the person at the shell.

Writes are retried the way the desk retries them: a reply or note carries a client key picked
once per command, a ticket change carries the version it was based on, so a retried write that
did land is found instead of written twice. The schedule is bounded and shorter than the
desk's: a script waits at most about half a minute.

Every error a command ends with is worded by `error_report`: SQL text and its parameters
(SQLAlchemy puts both into its errors' text) only with `--debug`, and never a password.
"""

from __future__ import annotations

import sqlite3
import sys
import traceback
from collections.abc import Callable
from typing import TypeVar

import psycopg
from sqlalchemy.exc import SQLAlchemyError, StatementError

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.output import neutralised
from hezo_desk.db import first_line, hide_password_in_url
from hezo_desk.errors import Coded, HezoError, UserError
from hezo_desk.placeholders import fill
from hezo_desk.services.resilience import fault_of, plain_words, retry
from hezo_desk.wording import Translate, coded_error_text, in_english

T = TypeVar("T")
# Pauses between attempts: about 16 s of waiting, under half a minute with the attempts.
CLI_RETRY_DELAYS_S = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
# SQLSTATE class 22: data exceptions (too long, invalid text for a type, bad encoding…).
_DATA_EXCEPTIONS = "22"
# The most of a foreign error's first line shown: it may echo whatever it was given.
_MOST_SHOWN = 300


class GaveUpError(HezoError):
    """A write was retried until the schedule ran out; the message says what to check."""


def retrying(
    operation: Callable[[], T],
    worth_retrying: Callable[[BaseException], bool] = lambda error: True,
) -> T:
    """Run an operation that is safe to repeat, retrying transient faults (reads, keyed writes)."""
    return retry(
        operation,
        delays=CLI_RETRY_DELAYS_S,
        on_retry=_tell_retrying,
        worth_retrying=worth_retrying,
    )


def retrying_write(
    operation: Callable[[], T],
    *,
    what: str,
    check: str,
) -> T:
    """`retrying` for a write; giving up, say whether `what` (told by code: "the reply") may
    have been saved and how to `check` (a command line)."""
    try:
        return retrying(operation)
    except Exception as error:
        fault = fault_of(error)
        if fault is None:
            raise
        raise GaveUpError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "%1, and trying again for a while did not help; %2 may or may not have been "
                "saved: run `%3` to check before trying again",
            ),
            Coded(fault.value),
            Coded(what),
            check,
        ) from error


def error_report(
    error: BaseException,
    *,
    debug: bool,
    secrets: tuple[str, ...] = (),
    translate: Translate = in_english,
) -> str:
    """What stderr gets when a command fails: one line saying why, in plain words (no
    traceback, no SQL, no parameters, no password).

    With `debug` the traceback (not for wrong input) comes first, SQL and parameters
    included. `secrets` are hidden wherever they appear (the database password).
    """
    text = f"hezo-desk: {_describe(error, translate)}"
    if not isinstance(error, HezoError) and not debug:
        text += translate("Cli", QT_TRANSLATE_NOOP("Cli", " (run with --debug for details)"))
    if debug and not isinstance(error, UserError):
        text = "".join(traceback.format_exception(error)) + text
    elif getattr(error, "template", "") and not getattr(error, "values", ()):
        # Words of the catalogue alone: no secret can be in them, and hiding one that happens
        # to be a word of the sentence ("wrong") would garble it.
        secrets = ()
    return neutralised(hide_secrets(text, secrets)) + "\n"


def hide_secrets(text: str, secrets: tuple[str, ...] = ()) -> str:
    """`text` with passwords in URLs, and each of `secrets`, replaced by ***."""
    text = hide_password_in_url(text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def _describe(error: BaseException, translate: Translate = in_english) -> str:
    coded = coded_error_text(error, translate)
    if coded is not None:
        return coded
    if isinstance(error, HezoError):
        return str(error)
    fault = fault_of(error)
    if fault is not None:
        return fill(
            translate(
                "Cli",
                QT_TRANSLATE_NOOP(
                    "Cli",
                    "%1; if this command changes data, the change may or may not have been "
                    "saved: check before running it again",
                ),
            ),
            translate("Errors", fault.value),
        )
    if isinstance(error, StatementError):
        # Its text is the driver's message followed by the SQL and its parameters: only the
        # driver's message (the server's, in the server's language) is for the user.
        return _refused(error.orig if error.orig is not None else error, translate)
    if isinstance(error, psycopg.Error | sqlite3.Error):
        # A driver's error met outside SQLAlchemy (a listener, a role).
        return _refused(error, translate)
    if isinstance(error, SQLAlchemyError):
        return fill(
            translate("Cli", QT_TRANSLATE_NOOP("Cli", "database error: %1")),
            type(error).__name__,
        )
    return fill(
        translate("Cli", QT_TRANSLATE_NOOP("Cli", "unexpected error: %1: %2")),
        type(error).__name__,
        _clipped(first_line(error)),
    )


def _refused(driver_error: BaseException, translate: Translate = in_english) -> str:
    code = getattr(driver_error, "sqlstate", None) or getattr(
        driver_error, "sqlite_errorname", None
    )
    if code is not None and str(code).startswith(_DATA_EXCEPTIONS):
        # A data exception quotes the value it refused ('invalid input syntax for type
        # integer: "…"'), and a value is a parameter: named by its kind alone.
        reason = type(driver_error).__name__
    else:
        reason = _clipped(first_line(driver_error))
    said = fill(
        translate("Cli", QT_TRANSLATE_NOOP("Cli", "the database refused the operation: %1")),
        reason,
    )
    return said + (f" ({code})" if code else "")


def _clipped(text: str) -> str:
    return text if len(text) <= _MOST_SHOWN else text[: _MOST_SHOWN - 1] + "…"


def _tell_retrying(error: BaseException, pause: float) -> None:
    # Only a person watching needs this; a script reads the exit status and the final line.
    if sys.stderr.isatty():
        sys.stderr.write(f"hezo-desk: {plain_words(error)} (in {pause:.1f} s)\n")
