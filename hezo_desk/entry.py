"""The `hezo-desk` command's start: the desk's window without a command, the command with one.

The commands (hezo_desk.cli) and the window (hezo_desk.app over hezo_desk.ui) know nothing of
each other; only this module sees both. It hands the commands a way to open the window, and
Qt is loaded only when that happens.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence

from hezo_desk import cli
from hezo_desk.config import DATABASE_URL_ENV
from hezo_desk.services.call_events import CallEvent


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, open_window=open_window)


def open_window(
    args: argparse.Namespace,
    environ: Mapping[str, str],
    /,
    pending_calls: Sequence[CallEvent] = (),
) -> int:
    """The desk's window on --database, else the configured one; `pending_calls` (from
    `hezo-desk call` when no desk ran) are taken once the agent has signed in."""
    from hezo_desk.app import run_desk  # noqa: PLC0415 - Qt only when the window opens

    return run_desk(
        database_override=getattr(args, "database", None) or environ.get(DATABASE_URL_ENV),
        demo=bool(getattr(args, "demo", False)),
        environ=environ,
        pending_calls=pending_calls,
    )
