"""The desk on a Linux desktop: a `.desktop` entry that opens `tel:` links, and its icon.

Freedesktop's rules: the entry lives in `$XDG_DATA_HOME/applications` (default
`~/.local/share`), the icon in the hicolor theme beside it, and `xdg-mime default` makes the
entry the user's handler of `x-scheme-handler/tel`. The desktop starts the entry's Exec with
the link in place of `%u`: `hezo-desk tel:+48…`, which hands the call to the running desk.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hezo_desk.resources import icon_path

ENTRY_NAME = "hezo-desk.desktop"
ICON_NAME = "hezo-desk"
TEL_SCHEME_TYPE = "x-scheme-handler/tel"
COMMAND_NAME = "hezo-desk"
# Characters that make an Exec argument need quotes (Desktop Entry Specification, "Exec").
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# Inside quotes these take a backslash.
_ESCAPED_IN_QUOTES = frozenset('"`$\\')


@dataclass(frozen=True)
class DesktopInstall:
    """What `desktop install` writes and runs."""

    entry_path: Path
    entry_text: str
    icon_source: Path
    icon_path: Path
    # Run after writing, in order: each found on PATH.
    commands: tuple[tuple[str, ...], ...]
    # Tools that would have been run but are not installed.
    missing: tuple[str, ...]


def data_home(environ: Mapping[str, str]) -> Path:
    """$XDG_DATA_HOME when set to an absolute path (the specification ignores others)."""
    configured = environ.get("XDG_DATA_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path(environ.get("HOME") or Path.home()) / ".local" / "share"


def desk_program(environ: Mapping[str, str]) -> tuple[str, ...]:
    """The absolute command line that starts this installation's `hezo-desk`.

    The running script when it is the `hezo-desk` command; else the one on PATH; else this
    Python with `-m hezo_desk` (a checkout run as a module).
    """
    running = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if running is not None and running.name == COMMAND_NAME and running.exists():
        return (str(running.absolute()),)
    found = shutil.which(COMMAND_NAME, path=environ.get("PATH"))
    if found:
        return (str(Path(found).absolute()),)
    return (str(Path(sys.executable).absolute()), "-m", "hezo_desk")


def plan_install(program: Sequence[str], environ: Mapping[str, str]) -> DesktopInstall:
    share = data_home(environ)
    applications = share / "applications"
    commands: list[tuple[str, ...]] = []
    missing: list[str] = []
    path = environ.get("PATH")
    for tool, arguments in (
        # Refreshes the cache of which entry opens which type (absent on some desktops).
        ("update-desktop-database", (str(applications),)),
        ("xdg-mime", ("default", ENTRY_NAME, TEL_SCHEME_TYPE)),
    ):
        found = shutil.which(tool, path=path)
        if found:
            commands.append((found, *arguments))
        else:
            missing.append(tool)
    return DesktopInstall(
        entry_path=applications / ENTRY_NAME,
        entry_text=entry_text(program),
        icon_source=icon_path(f"{ICON_NAME}.svg"),
        icon_path=share / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg",
        commands=tuple(commands),
        missing=tuple(missing),
    )


def entry_text(program: Sequence[str]) -> str:
    exec_line = " ".join(exec_argument(argument) for argument in program) + " %u"
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.5",
            "Name=HEZO Desk",
            "GenericName=Support desk",
            "GenericName[pl]=Obsługa zgłoszeń",
            "Comment=The support desk of HEZO's phone line; opens tel: links of callers",
            "Comment[pl]=Biuro obsługi linii telefonicznej HEZO; otwiera odnośniki tel: "
            "dzwoniących",
            f"Exec={exec_line}",
            f"Icon={ICON_NAME}",
            "Terminal=false",
            "Categories=Office;Network;Telephony;",
            f"MimeType={TEL_SCHEME_TYPE};",
            "StartupNotify=true",
            "",
        ]
    )


def exec_argument(argument: str) -> str:
    """One argument of an Exec line: quoted when it must be, `%` doubled, and the line's own
    escaping of backslashes on top (the specification's two levels)."""
    text = argument.replace("%", "%%")
    if any(character in _RESERVED for character in text):
        quoted = "".join(
            "\\" + character if character in _ESCAPED_IN_QUOTES else character for character in text
        )
        text = f'"{quoted}"'
    # The value is a desktop file string as well: a backslash is written twice.
    return text.replace("\\", "\\\\")


def write_files(plan: DesktopInstall) -> None:
    plan.entry_path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(plan.entry_path, plan.entry_text.encode("utf-8"))
    plan.icon_path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(plan.icon_path, plan.icon_source.read_bytes())


def _write_atomically(path: Path, content: bytes) -> None:
    # A desktop watching the folder never reads half a file.
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(content)
    os.replace(partial, path)
