"""The `hezo-desk` commands: the services from the command line.

Without a command the desk's window opens through the opener hezo_desk.entry passes in: this
package never imports the window (hezo_desk.app, hezo_desk.ui), nor Qt.

Exit status: 0 on success, 2 when the input is wrong (the reason on stderr, no traceback),
1 on other failures (database unreachable or too new, a conflicting change, …).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence

from hezo_desk import __version__
from hezo_desk.cli import (
    admin_commands,
    audit_commands,
    desk_commands,
    export_commands,
    import_commands,
    reseller_commands,
    ticket_commands,
)
from hezo_desk.cli.context import CommandContext
from hezo_desk.cli.failures import error_report
from hezo_desk.cli.output import Output
from hezo_desk.config import AGENT_ENV, DATABASE_URL_ENV
from hezo_desk.errors import UserError

EXIT_FAILURE, EXIT_USAGE = 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for such a pipe
COMMAND_MODULES = (
    admin_commands,
    audit_commands,
    desk_commands,
    export_commands,
    ticket_commands,
    reseller_commands,
    import_commands,
)

# Opens the desk's window for `hezo-desk` without a command: (arguments, environment) → status.
WindowOpener = Callable[[argparse.Namespace, Mapping[str, str]], int]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def common_options() -> argparse.ArgumentParser:
    """Options every command accepts, before or after its name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=f"database URL (default: ${DATABASE_URL_ENV}, else the local file), e.g. "
        "postgresql+psycopg://user@host/db",
    )
    common.add_argument(
        "--agent",
        metavar="LOGIN",
        default=argparse.SUPPRESS,
        help=f"the acting agent recorded in the audit log (default: ${AGENT_ENV})",
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the traceback of an error, with its SQL statement and parameters",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = _Parser(
        prog="hezo-desk",
        description="HEZO Desk: the support desk of HEZO's phone line, back office and "
        "supervisors. Without a command it opens the desk's window.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"hezo-desk {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the window, first filling an empty local database with demo data",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None, *, open_window: WindowOpener | None = None) -> int:
    """Run the command `argv` names; without one, `open_window` (none: a usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None and open_window is None:
        parser.error("name a command (the desk's window opens from the hezo-desk command)")
    context = CommandContext(args=args, out=Output(as_json=getattr(args, "json", False)))
    try:
        if args.command is None:
            assert open_window is not None
            return open_window(args, context.environ)
        return int(args.handler(context))
    except KeyboardInterrupt:
        sys.stderr.write("hezo-desk: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader went away (`hezo-desk … | head`): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as error:
        # One wording for every failure: no SQL or parameters without --debug, no password.
        debug = getattr(args, "debug", False)
        sys.stderr.write(error_report(error, debug=debug, secrets=context.secrets()))
        return EXIT_USAGE if isinstance(error, UserError) else EXIT_FAILURE
    finally:
        context.close()
