"""`hezo-desk call`: a phone system hands a call to the desk its user has open (`calls` for the
journal is call_commands).

A softphone or a PBX desktop client starts `hezo-desk call NUMBER` (or opens a `tel:` link,
which the desktop turns into `hezo-desk tel:…`). The event goes to the running desk of this
user and database over its local socket; with none running, this command opens the desk,
which takes the call once its agent has signed in.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.call_numbers import call_number
from hezo_desk.cli.context import CommandContext
from hezo_desk.enums import CallDirection, CallEventKind
from hezo_desk.errors import HezoError, UserError
from hezo_desk.services.call_events import MAX_CALL_ID_LENGTH, CallEvent, is_call_id
from hezo_desk.services.desk_handoff import (
    ANSWER_TIMEOUT_S,
    DeskRefusedError,
    DeskSilentError,
    UnsafeFolderError,
    desk_address,
    hand_to_running_desk,
    show_running_desk,
)


class CallNotHandedError(HezoError):
    """A desk runs but did not take the call, or its socket cannot be used safely."""


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    call = commands.add_parser(
        "call",
        parents=[common],
        help="hand a call to the running desk (started when none runs): for phone systems",
        description="Hand a phone system's call to the desk this user has open on the same "
        "database; it comes to the front on the caller lookup, looked up by the number. With no "
        "desk running, the desk opens and takes the call after sign-in. `hezo-desk tel:NUMBER` "
        "is the same as `hezo-desk call tel:NUMBER`.",
    )
    call.add_argument(
        "number",
        nargs="*",
        help="the caller's number in any form (+48 12 25 25 600, 0048…, 122525600) or a tel: URI",
    )
    call.add_argument(
        "--direction",
        choices=[direction.value for direction in CallDirection],
        default=CallDirection.INBOUND.value,
        help="in: the customer calls (default); out: the agent calls",
    )
    call.add_argument(
        "--call-id",
        metavar="ID",
        help="the phone system's id of the call, which ties its ring, answer and hang-up together",
    )
    call.add_argument(
        "--event",
        choices=[kind.value for kind in CallEventKind],
        default=CallEventKind.RING.value,
        help="what happened to the call (default: ring)",
    )
    call.set_defaults(handler=call_command)


def call_command(context: CommandContext) -> int:
    args = context.args
    call_id = (args.call_id or "").strip() or None
    if call_id is not None and not is_call_id(call_id):
        # Not echoed: it may hold control characters meant for the terminal.
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors", "the call id is at most %1 printable characters on one line"
            ),
            MAX_CALL_ID_LENGTH,
        )
    event = CallEvent(
        number=call_number(" ".join(args.number)),
        direction=CallDirection(args.direction),
        event=CallEventKind(args.event),
        call_id=call_id,
        at=dt.datetime.now(dt.UTC),
    )
    if _handed_over(context, event):
        if context.out.as_json:
            context.out.json({"taken_by": "running desk", "event": _plain(event)})
        else:
            context.out.say(
                QT_TRANSLATE_NOOP("Cli", "the running desk took the call (%1) of %2"),
                event.event,
                event.number,
            )
        return 0
    if context.open_window is None:
        raise CallNotHandedError(
            QT_TRANSLATE_NOOP("Errors", "no desk is running, and this command cannot open one")
        )
    # No desk runs: this process becomes the desk, and the call waits for the sign-in.
    return context.open_window(args, context.environ, pending_calls=[event])


def brought_running_desk_forward(context: CommandContext) -> bool:
    """`hezo-desk` without a command, when a desk of this user and database already runs: that
    one comes to the front and no second opens. Anything in the way of asking (an unsafe
    folder, a desk that hangs) leaves the new desk to open, as before there was a socket."""
    try:
        address = desk_address(context.database_override, context.environ)
        shown = show_running_desk(address)
    except (UnsafeFolderError, DeskSilentError, DeskRefusedError, OSError):
        return False
    if shown:
        context.out.say(
            QT_TRANSLATE_NOOP(
                "Cli", "HEZO Desk is already open on this database: it came to the front"
            )
        )
    return shown


def _handed_over(context: CommandContext, event: CallEvent) -> bool:
    try:
        address = desk_address(context.database_override, context.environ)
        return hand_to_running_desk(address, event)
    except UnsafeFolderError as error:
        raise CallNotHandedError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the folder %1 for the desk's socket is not yours alone (another user owns it or "
                "may enter it): remove it, or set XDG_RUNTIME_DIR to a folder of yours",
            ),
            error.folder,
        ) from error
    except DeskSilentError as error:
        raise CallNotHandedError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "a desk is running but did not answer within %1 s: is its window frozen? Close "
                "it and run the command again",
            ),
            format(ANSWER_TIMEOUT_S, ".0f"),
        ) from error
    except DeskRefusedError as error:
        raise CallNotHandedError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "the running desk did not take the call (it answered “%1”): is it another "
                "version of HEZO Desk? Restart it",
            ),
            str(error),
        ) from error


def _plain(event: CallEvent) -> dict[str, Any]:
    return {
        "number": event.number,
        "direction": event.direction.value,
        "event": event.event.value,
        "call_id": event.call_id,
        "at": event.at.isoformat(),
    }
