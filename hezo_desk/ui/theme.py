"""Light and dark themes (qt-material) and the colours the dialogue uses in each."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

_MATERIAL_THEMES = {"light": "light_blue.xml", "dark": "dark_blue.xml"}
# Denser than qt-material's default: agents look at long lists all day.
_EXTRA = {"density_scale": "-1", "font_family": "Roboto"}
# qt-material pads a header section by 20 px on each side (at this density): too much for a
# list of ten columns at 1280 px. Sections are measured with this padding (ui/header_fit.py).
HEADER_SECTION_PADDING = 8
_OVERRIDES = f"""
QHeaderView::section {{ padding: 0 {HEADER_SECTION_PADDING}px; }}
"""


@dataclass(frozen=True)
class DialogueColours:
    customer_background: str
    agent_background: str
    note_background: str
    note_border: str
    text: str
    muted: str


_COLOURS = {
    "light": DialogueColours("#e8f1fb", "#eaf6ec", "#fff4d6", "#e0a100", "#1b1b1b", "#5f6368"),
    "dark": DialogueColours("#1f3247", "#1f3a26", "#4a3a10", "#ffb300", "#eeeeee", "#b0b4b8"),
}


# Where the keyboard is: qt-material draws no focus frame on tab bars, tables and lists and
# only tints a focused button. One colour apart from the themes' blues and the note's amber.
FOCUS_COLOURS = {"light": "#d84315", "dark": "#ffab40"}


def focus_style(theme: str) -> str:
    """The stylesheet added after qt-material's: a frame around whatever has the focus."""
    colour = FOCUS_COLOURS.get(theme, FOCUS_COLOURS["light"])
    # The tab's own size is kept (a wider border would cut its text): its underline and a tint.
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    tint = f"rgba({red}, {green}, {blue}, 48)"
    return f"""
QTableView, QTreeView, QListView {{ border: 2px solid transparent; }}
QTableView:focus, QTreeView:focus, QListView:focus {{ border: 2px solid {colour}; }}
QTabBar::tab:focus, QTabBar::tab:top:selected:focus {{
  color: {colour}; border-bottom: 2px solid {colour}; background: {tint};
}}
QPushButton:focus, QToolButton:focus {{ border: 2px solid {colour}; }}
QCheckBox:focus, QRadioButton:focus {{ color: {colour}; }}
"""


def apply_theme(app: QApplication, theme: str) -> None:
    import qt_material  # noqa: PLC0415 - must be imported after PySide6 (it checks)

    qt_material.apply_stylesheet(
        app,
        theme=_MATERIAL_THEMES.get(theme, _MATERIAL_THEMES["light"]),
        invert_secondary=theme != "dark",
        extra=dict(_EXTRA),
        parent=str(_icon_folder(app)),
    )
    app.setStyleSheet(app.styleSheet() + _OVERRIDES + focus_style(theme))
    app.setProperty("hezo_theme", theme)


_ICON_FOLDER = "hezo_theme_icons"


def _icon_folder(app: QApplication) -> Path:
    """This process's own folder for the icons qt-material colours for a theme.

    qt-material's default is `~/.qt_material/theme`, shared by every process of the user, and it
    deletes and rewrites that folder at every theme change: a second desk (or a test worker)
    starting meanwhile draws with icons that vanish under it. One folder per application, the
    same for every theme (Qt's icon search path keeps the first folder it was given), removed
    when the application quits.
    """
    folder = app.property(_ICON_FOLDER)
    if isinstance(folder, str) and folder:
        return Path(folder) / "theme"
    created = tempfile.mkdtemp(prefix="hezo-desk-theme-")
    app.setProperty(_ICON_FOLDER, created)
    app.aboutToQuit.connect(lambda: shutil.rmtree(created, ignore_errors=True))
    return Path(created) / "theme"


def current_theme(app: QApplication | None = None) -> str:
    instance = app or QApplication.instance()
    value = instance.property("hezo_theme") if instance is not None else None
    return str(value) if value in _COLOURS else "light"


def dialogue_colours(theme: str | None = None) -> DialogueColours:
    return _COLOURS.get(theme or current_theme(), _COLOURS["light"])
