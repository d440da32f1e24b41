"""`hezo-desk desktop install`: the tel: handler's .desktop entry and icon in the user's data
folder ($XDG_DATA_HOME), and xdg-mime asked to make it the default."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from hezo_desk.cli import main
from hezo_desk.cli.desktop_entry import entry_text, exec_argument

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktops")


@pytest.fixture
def desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's data folder and a PATH whose only tools are a recording xdg-mime and
    update-desktop-database."""
    data = tmp_path / "data"
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("xdg-mime", "update-desktop-database"):
        script = tools / tool
        script.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{tmp_path / "ran.txt"}"\n')
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("PATH", str(tools))
    return tmp_path


def test_install_writes_the_entry_and_icon_and_makes_it_the_tel_handler(
    desktop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["desktop", "install"]) == 0
    entry = desktop / "data" / "applications" / "hezo-desk.desktop"
    text = entry.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    assert "MimeType=x-scheme-handler/tel;" in lines
    assert "Icon=hezo-desk" in lines
    [exec_line] = [line for line in lines if line.startswith("Exec=")]
    program = exec_line.removeprefix("Exec=").split(" ")[0]
    assert Path(program).is_absolute()
    assert exec_line.endswith(" %u")
    icon = desktop / "data" / "icons" / "hicolor" / "scalable" / "apps" / "hezo-desk.svg"
    assert icon.read_bytes().startswith(b"<")
    ran = (desktop / "ran.txt").read_text().splitlines()
    assert ran == [
        f"update-desktop-database {desktop / 'data' / 'applications'}",
        "xdg-mime default hezo-desk.desktop x-scheme-handler/tel",
    ]
    out = capsys.readouterr().out
    assert f"wrote {entry}" in out
    # Installed twice: the same files, nothing left half-written.
    assert main(["desktop", "install"]) == 0
    assert entry.read_text(encoding="utf-8") == text
    assert sorted(os.listdir(entry.parent)) == ["hezo-desk.desktop"]


def test_dry_run_prints_and_changes_nothing(
    desktop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["desktop", "install", "--dry-run", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["entry"] == str(desktop / "data" / "applications" / "hezo-desk.desktop")
    assert "MimeType=x-scheme-handler/tel;" in plan["entry_text"]
    assert plan["would_run"][-1][1:] == ["default", "hezo-desk.desktop", "x-scheme-handler/tel"]
    assert not (desktop / "data").exists()
    assert not (desktop / "ran.txt").exists()


def test_without_xdg_mime_it_says_how(desktop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (desktop / "bin" / "xdg-mime").unlink()
    assert main(["desktop", "install"]) == 0
    out = capsys.readouterr().out
    assert "xdg-mime is not installed" in out
    assert "xdg-mime default hezo-desk.desktop x-scheme-handler/tel" in out
    assert (desktop / "data" / "applications" / "hezo-desk.desktop").exists()


def test_a_failing_xdg_mime_is_reported_after_the_files_are_written(
    desktop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (desktop / "bin" / "xdg-mime").write_text("#!/bin/sh\necho 'no desktop' >&2\nexit 3\n")
    assert main(["desktop", "install"]) == 1
    assert "no desktop" in capsys.readouterr().err
    assert (desktop / "data" / "applications" / "hezo-desk.desktop").exists()


def test_a_relative_xdg_data_home_is_ignored_as_the_specification_says(
    desktop: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    monkeypatch.setenv("HOME", str(desktop / "home"))
    assert main(["desktop", "install", "--dry-run"]) == 0
    expected = desktop / "home" / ".local" / "share" / "applications" / "hezo-desk.desktop"
    assert f"would write {expected}:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argument", "written"),
    [
        ("/usr/bin/hezo-desk", "/usr/bin/hezo-desk"),
        ("/home/anna/My Apps/hezo-desk", '"/home/anna/My Apps/hezo-desk"'),
        ("/opt/100%/hezo-desk", "/opt/100%%/hezo-desk"),
        ('/opt/a"b$c/x', '"/opt/a\\\\"b\\\\$c/x"'),
    ],
)
def test_exec_arguments_are_quoted_as_the_specification_says(argument: str, written: str) -> None:
    assert exec_argument(argument) == written


def test_the_entry_runs_python_with_the_module_when_there_is_no_command() -> None:
    text = entry_text(["/usr/bin/python3", "-m", "hezo_desk"])
    assert "Exec=/usr/bin/python3 -m hezo_desk %u" in text.splitlines()
