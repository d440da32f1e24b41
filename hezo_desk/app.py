"""Builds the QApplication: settings, theme, translations, sign-in, main window."""

from __future__ import annotations

from hezo_desk.cli.context import CommandContext
from hezo_desk.errors import UserError


def run_desk(context: CommandContext) -> int:
    raise UserError("the desk's window is not built yet; use a command (hezo-desk --help)")
