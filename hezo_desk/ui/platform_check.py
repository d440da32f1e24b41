"""Before Qt starts on a Linux desktop: are the system libraries of its xcb platform there?

Without them Qt aborts the process with "could not load the Qt platform plugin" and a hint
only a Qt developer reads. The desk looks first and says in plain words which packages to
install. Pure Python: this runs before any Qt object exists (no tr(); both languages).
"""

from __future__ import annotations

import ctypes.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# The libraries Qt 6's xcb plugin loads beyond the X11 client libraries every desktop has,
# with the Debian/Ubuntu and Fedora packages that hold them.
XCB_LIBRARIES: tuple[tuple[str, str, str], ...] = (
    ("xcb-icccm", "libxcb-icccm4", "xcb-util-wm"),
    ("xcb-keysyms", "libxcb-keysyms1", "xcb-util-keysyms"),
    ("xcb-image", "libxcb-image0", "xcb-util-image"),
    ("xcb-render-util", "libxcb-render-util0", "xcb-util-renderutil"),
    ("xkbcommon-x11", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    ("xcb-cursor", "libxcb-cursor0", "xcb-util-cursor"),
)


@dataclass(frozen=True)
class MissingLibrary:
    name: str
    debian_package: str
    fedora_package: str


def missing_for_qt(
    environ: Mapping[str, str],
    *,
    platform: str,
    find_library: Callable[[str], str | None] = ctypes.util.find_library,
) -> list[MissingLibrary]:
    """The xcb plugin's libraries this machine lacks, when Qt is about to use that plugin."""
    if not platform.startswith("linux") or not _uses_xcb(environ):
        return []
    return [
        MissingLibrary(name, debian, fedora)
        for name, debian, fedora in XCB_LIBRARIES
        if find_library(name) is None
    ]


def _uses_xcb(environ: Mapping[str, str]) -> bool:
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    # Qt prefers Wayland in a Wayland session; otherwise it takes xcb.
    return not (environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland")


def advice(missing: list[MissingLibrary]) -> str:
    """What to tell the user, in Polish and English (the desk's language is not known yet)."""
    names = ", ".join(f"lib{item.name}" for item in missing)
    debian = " ".join(item.debian_package for item in missing)
    fedora = " ".join(item.fedora_package for item in missing)
    return (
        f"HEZO Desk: brakuje bibliotek systemowych, których Qt potrzebuje do okien: {names}.\n"
        f"HEZO Desk: the system libraries Qt needs for its windows are missing: {names}.\n"
        f"  Debian/Ubuntu:  sudo apt install {debian}\n"
        f"  Fedora:         sudo dnf install {fedora}\n"
    )
