"""The desk's typed settings: what it remembers comes back; every key is spelled in one place."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from hezo_desk.ui.settings import DeskSettings

SOURCE = Path(__file__).resolve().parent.parent / "hezo_desk"


def test_what_the_desk_remembers_comes_back_from_the_file(tmp_path: Path) -> None:
    path = str(tmp_path / "desk.ini")
    settings = DeskSettings(QSettings(path, QSettings.Format.IniFormat))
    assert settings.main_window_geometry is None
    assert settings.header_state("tickets/list") is None
    assert settings.last_pdf_folder == str(Path.home())
    assert settings.last_legacy_export == ""

    settings.main_window_geometry = QByteArray(b"geometry")
    settings.set_header_state("tickets/list", QByteArray(b"header"))
    settings.last_pdf_folder = str(tmp_path / "pdf")
    settings.last_legacy_export = str(tmp_path / "export.zip")
    settings.theme = "purple"
    settings.sync()

    again = DeskSettings(QSettings(path, QSettings.Format.IniFormat))
    assert again.main_window_geometry == QByteArray(b"geometry")
    assert again.header_state("tickets/list") == QByteArray(b"header")
    assert again.header_state("contracts/list") is None
    assert again.last_pdf_folder == str(tmp_path / "pdf")
    assert again.last_legacy_export == str(tmp_path / "export.zip")
    assert again.theme == "light", "an unknown theme falls back to the light one"


def test_only_the_settings_module_touches_qsettings_and_its_keys() -> None:
    raw = re.compile(
        r"^\s*(from .* import .*\bQSettings\b|QSettings,)|QSettings\(|\.(setValue|value)\(\s*\"",
        re.MULTILINE,
    )
    offenders = [
        str(path.relative_to(SOURCE))
        for path in sorted(SOURCE.rglob("*.py"))
        if path != SOURCE / "ui" / "settings.py" and raw.search(path.read_text(encoding="utf-8"))
    ]
    # app.py creates the store and hands it to DeskSettings at once.
    assert offenders == ["app.py"]
