"""Pictures of widgets taken by tests: saved where the test may write, checked not to be blank.

A picture goes to the test's own `tmp_path`, or, for someone who wants to look at them, to
the directory named by `HEZO_DESK_SHOTS`. Either way the test asserts that the widget was
painted: it has a size and more than a few colours (a blank or unpainted widget has one or
two).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from waiting import WAIT_MS

PICTURES_ENV = "HEZO_DESK_SHOTS"
# A painted form has text (anti-aliased: many shades), frames and a background.
PAINTED_COLOURS = 8
# Pixels sampled along each axis: enough to meet text, cheap on a large window.
SAMPLES = 160


def distinct_colours(image: QImage) -> int:
    """How many different colours a grid of samples over the image meets."""
    width, height = image.width(), image.height()
    if width == 0 or height == 0:
        return 0
    xs = sorted({x * (width - 1) // (SAMPLES - 1) for x in range(SAMPLES)})
    ys = sorted({y * (height - 1) // (SAMPLES - 1) for y in range(SAMPLES)})
    return len({image.pixel(x, y) for x in xs for y in ys})


def painted(widget: QWidget, colours: int = PAINTED_COLOURS) -> bool:
    """Whether the widget, grabbed now, shows at least `colours` colours."""
    return distinct_colours(widget.grab().toImage()) >= colours


def wait_painted(qtbot: QtBot, widget: QWidget, colours: int = PAINTED_COLOURS) -> None:
    """Wait until a widget that paints in the background (a PDF view) shows its content."""
    qtbot.waitUntil(lambda: painted(widget, colours), timeout=WAIT_MS)


def save_picture(widget: QWidget, tmp_path: Path, name: str) -> Path:
    """Grab the widget into `<name>.png`, asserting that it shows something; return the file."""
    directory = Path(os.environ.get(PICTURES_ENV) or tmp_path / "pictures")
    directory.mkdir(parents=True, exist_ok=True)
    image = widget.grab().toImage()
    assert not image.size().isEmpty(), f"{name}: the widget has no size"
    colours = distinct_colours(image)
    assert colours >= PAINTED_COLOURS, f"{name}: the picture is blank ({colours} colours)"
    path = directory / f"{name}.png"
    assert image.save(str(path)), f"{name}: the picture could not be saved to {path}"
    return path
