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
from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli import (
    admin_commands,
    audit_commands,
    call_commands,
    dashboard_commands,
    desk_commands,
    desktop_commands,
    export_commands,
    gdpr_commands,
    handoff_commands,
    import_commands,
    reseller_commands,
    service_level_commands,
    template_commands,
    ticket_commands,
)
from hezo_desk.cli.call_numbers import is_tel_uri
from hezo_desk.cli.context import CommandContext, WindowOpener
from hezo_desk.cli.failures import error_report
from hezo_desk.cli.language import language_of_locale, translator
from hezo_desk.cli.output import Output, neutralised
from hezo_desk.config import AGENT_ENV, AGENT_PASSWORD_ENV, DATABASE_URL_ENV
from hezo_desk.enums import Language
from hezo_desk.errors import UserError
from hezo_desk.services.secrets import SecretStore

EXIT_FAILURE, EXIT_USAGE = 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for such a pipe
COMMAND_MODULES = (
    admin_commands,
    audit_commands,
    desk_commands,
    export_commands,
    ticket_commands,
    template_commands,
    reseller_commands,
    service_level_commands,
    import_commands,
    gdpr_commands,
    call_commands,
    dashboard_commands,
    handoff_commands,
    desktop_commands,
)
__all__ = ["WindowOpener", "build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {neutralised(message)}\n")
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
        help=f"the acting agent, who proves it with their password (default: ${AGENT_ENV})",
    )
    common.add_argument(
        "--password-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help=f"read the acting agent's password from the first line of standard input "
        f"(else ${AGENT_PASSWORD_ENV}, the password the desk remembered, or a prompt)",
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
        "--language",
        dest="cli_language",
        choices=[language.value for language in Language],
        default=None,
        help="the language of what commands print: pl or en (default: the locale's, "
        "LANGUAGE/LC_ALL/LC_MESSAGES/LANG; pl* is Polish, anything else English); give it "
        "before the command's name",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the window, first filling an empty local database with demo data",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(commands, common)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    open_window: WindowOpener | None = None,
    secret_store: Callable[[], SecretStore] = SecretStore,
) -> int:
    """Run the command `argv` names; without one, `open_window` (none: a usage error).

    `secret_store` opens the keyring where the desk remembers passwords. A `tel:` URI as the
    only argument is `call` with it: that is how a desktop's URL handler (and a browser's
    `tel:` link) starts the command.
    """
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) == 1 and is_tel_uri(arguments[0]):
        arguments.insert(0, "call")
    args = parser.parse_args(arguments)
    if args.command is None and open_window is None:
        parser.error("name a command (the desk's window opens from the hezo-desk command)")
    environ = dict(os.environ)
    language = Language(args.cli_language) if args.cli_language else language_of_locale(environ)
    translate = translator(language)
    context = CommandContext(
        args=args,
        out=Output(as_json=getattr(args, "json", False), translate=translate),
        environ=environ,
        secret_store=secret_store,
        open_window=open_window,
    )
    not_text = not_utf8(args, context.environ)
    if not_text is not None:
        sys.stderr.write(
            "hezo-desk: "
            + context.out.words(
                QT_TRANSLATE_NOOP(
                    "Cli",
                    "error: %1 is not UTF-8 text (its bytes are in another encoding); give it "
                    "in UTF-8, as the desk stores text",
                ),
                not_text,
            )
            + "\n"
        )
        return EXIT_USAGE
    if context.password_on_command_line():
        sys.stderr.write(
            "hezo-desk: "
            + context.out.words(
                QT_TRANSLATE_NOOP(
                    "Cli",
                    "warning: the password in --database is visible to every user of this "
                    "computer in the process list; put the URL in %1 instead, or leave the "
                    "password out and let the desk take it from the keyring",
                ),
                DATABASE_URL_ENV,
            )
            + "\n"
        )
    try:
        if args.command is None:
            assert open_window is not None
            if handoff_commands.brought_running_desk_forward(context):
                return 0
            return open_window(args, context.environ)
        context.take_password_from_stdin()
        return int(args.handler(context))
    except KeyboardInterrupt:
        sys.stderr.write(
            "hezo-desk: " + context.out.words(QT_TRANSLATE_NOOP("Cli", "interrupted")) + "\n"
        )
        return 130
    except BrokenPipeError:
        # The reader went away (`hezo-desk … | head`): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as error:
        # One wording for every failure: no SQL or parameters without --debug, no password.
        debug = getattr(args, "debug", False)
        sys.stderr.write(
            error_report(error, debug=debug, secrets=context.secrets(), translate=translate)
        )
        return EXIT_USAGE if isinstance(error, UserError) else EXIT_FAILURE
    finally:
        context.close()


# Arguments that name files: Linux allows any bytes in a file name, so these may be other
# than UTF-8 (the file is found by its bytes; a stored name shows the strange bytes as �).
_FILE_ARGUMENTS = frozenset(
    {"file", "path", "report", "output", "work_dir", "description_file", "body_file"}
)


def not_utf8(args: argparse.Namespace, environ: Mapping[str, str]) -> str | None:
    """The first argument (or variable of ours) that is not UTF-8 text, named; else None.

    Python hands bytes that are not UTF-8 on as lone surrogates, which no database, file or
    terminal takes: found here, the command ends as wrong input (2) before it does anything.
    """
    for name, value in sorted(vars(args).items()):
        if name in _FILE_ARGUMENTS or name == "handler":
            continue
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and not _is_utf8(v) for v in values):
            return f"“{name}”"  # the argument's name, as the command's --help shows it
    for variable in (DATABASE_URL_ENV, AGENT_ENV):
        if not _is_utf8(environ.get(variable, "")):
            return variable
    return None


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
