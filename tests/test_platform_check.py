"""A Linux desktop without the xcb plugin's libraries: the desk says what to install."""

from __future__ import annotations

import subprocess
import sys

from hezo_desk.ui.platform_check import XCB_LIBRARIES, advice, missing_for_qt

ALL_THERE = {name: f"lib{name}.so" for name, _debian, _fedora in XCB_LIBRARIES}


def test_missing_libraries_are_named_with_their_packages() -> None:
    found = dict(ALL_THERE, **{"xcb-icccm": None, "xcb-keysyms": None})
    missing = missing_for_qt({"DISPLAY": ":0"}, platform="linux", find_library=found.get)
    assert [item.debian_package for item in missing] == ["libxcb-icccm4", "libxcb-keysyms1"]
    text = advice(missing)
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in text
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms" in text
    assert "brakuje bibliotek" in text
    assert "are missing" in text


def test_nothing_is_missing_when_qt_will_not_use_xcb() -> None:
    nothing = dict.fromkeys(ALL_THERE)
    for environ, platform in [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"QT_QPA_PLATFORM": "wayland"}, "linux"),
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "linux"),
        ({}, "win32"),
        ({}, "darwin"),
    ]:
        assert missing_for_qt(environ, platform=platform, find_library=nothing.get) == []
    chosen = missing_for_qt({"QT_QPA_PLATFORM": "xcb"}, platform="linux", find_library=nothing.get)
    assert len(chosen) == len(XCB_LIBRARIES)


def test_the_desk_stops_with_the_advice_instead_of_qts_abort() -> None:
    # A process of its own: QApplication must not exist yet, as at a real start.
    script = (
        "import sys, ctypes.util\n"
        "ctypes.util.find_library = lambda name: None\n"
        "from hezo_desk.app import run_desk\n"
        "sys.exit(run_desk(database_override=None, demo=False,"
        " environ={'QT_QPA_PLATFORM': 'xcb', 'DISPLAY': ':0'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 1, done.stderr
    assert "sudo apt install libxcb-icccm4" in done.stderr
    assert "could not load the Qt platform plugin" not in done.stderr
