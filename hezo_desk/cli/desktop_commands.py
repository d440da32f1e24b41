"""`hezo-desk desktop install`: the desk as the Linux desktop's handler of `tel:` links."""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext
from hezo_desk.cli.desktop_entry import (
    ENTRY_NAME,
    TEL_SCHEME_TYPE,
    DesktopInstall,
    desk_program,
    plan_install,
    write_files,
)
from hezo_desk.errors import HezoError, UserError


class DesktopToolFailedError(HezoError):
    """A desktop tool (xdg-mime) ran and failed; the files are written."""


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    desktop = commands.add_parser(
        "desktop", parents=[common], help="integrate the desk with this user's desktop"
    )
    actions = desktop.add_subparsers(dest="action", metavar="ACTION", required=True)
    install = actions.add_parser(
        "install",
        parents=[common],
        help="Linux: a menu entry that opens tel: links in the desk, with its icon",
        description="Writes $XDG_DATA_HOME/applications/hezo-desk.desktop (default "
        "~/.local/share) that opens tel: links with this hezo-desk, installs its icon, and makes "
        "it the user's tel: handler with xdg-mime. For Windows see the README.",
    )
    install.add_argument(
        "--dry-run", action="store_true", help="print what would be written and run, change nothing"
    )
    install.set_defaults(handler=install_command)


def install_command(context: CommandContext) -> int:
    if not sys.platform.startswith("linux"):
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "`desktop install` is for Linux desktops; on Windows register the tel: protocol "
                "as the README says (section 'Calls from a phone system')",
            )
        )
    plan = plan_install(desk_program(context.environ), context.environ)
    out = context.out
    if context.args.dry_run:
        _print_plan(context, plan)
        return 0
    write_files(plan)
    failures = []
    for command in plan.commands:
        done = subprocess.run(
            command, check=False, capture_output=True, text=True, env=dict(context.environ)
        )
        if done.returncode != 0:
            failures.append(f"{' '.join(command)}: {done.stderr.strip() or done.returncode}")
    if out.as_json:
        out.json(
            {
                "entry": str(plan.entry_path),
                "icon": str(plan.icon_path),
                "ran": [list(command) for command in plan.commands],
                "missing": list(plan.missing),
            }
        )
    else:
        out.say(QT_TRANSLATE_NOOP("Cli", "wrote %1"), plan.entry_path)
        out.say(QT_TRANSLATE_NOOP("Cli", "wrote %1"), plan.icon_path)
        for command in plan.commands:
            out.say(QT_TRANSLATE_NOOP("Cli", "ran %1"), " ".join(command))
        if "xdg-mime" in plan.missing:
            out.say(
                QT_TRANSLATE_NOOP(
                    "Cli",
                    "xdg-mime is not installed (package xdg-utils): make HEZO Desk the tel: "
                    "handler in the desktop's default applications, or run `xdg-mime default %1 "
                    "%2` once it is",
                ),
                ENTRY_NAME,
                TEL_SCHEME_TYPE,
            )
    if failures:
        raise DesktopToolFailedError(
            QT_TRANSLATE_NOOP("Errors", "the entry and icon are written, but %1"),
            "; ".join(failures),
        )
    return 0


def _print_plan(context: CommandContext, plan: DesktopInstall) -> None:
    out = context.out
    if out.as_json:
        out.json(
            {
                "entry": str(plan.entry_path),
                "entry_text": plan.entry_text,
                "icon": str(plan.icon_path),
                "icon_from": str(plan.icon_source),
                "would_run": [list(command) for command in plan.commands],
                "missing": list(plan.missing),
            }
        )
        return
    out.say(QT_TRANSLATE_NOOP("Cli", "would write %1:"), plan.entry_path)
    for line in plan.entry_text.splitlines():
        out.line(f"    {line}")
    out.say(QT_TRANSLATE_NOOP("Cli", "would copy %1 to %2"), plan.icon_source, plan.icon_path)
    for command in plan.commands:
        out.say(QT_TRANSLATE_NOOP("Cli", "would run %1"), " ".join(command))
    for tool in plan.missing:
        out.say(QT_TRANSLATE_NOOP("Cli", "would skip %1: not installed"), tool)
