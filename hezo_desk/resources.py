"""Where the shipped resources (fonts, icons, translations) are.

In an installed wheel they live in `hezo_desk/resources/` (the build maps the repository's
top-level `resources/` there); in a source checkout or an editable install they are the
repository's `resources/` beside the package.
"""

from __future__ import annotations

from importlib import resources as importlib_resources
from pathlib import Path


def resources_dir() -> Path:
    installed = Path(str(importlib_resources.files("hezo_desk"))) / "resources"
    if installed.is_dir():
        return installed
    source = Path(__file__).resolve().parent.parent / "resources"
    if source.is_dir():
        return source
    raise FileNotFoundError(
        f"HEZO Desk's resources are missing (looked in {installed} and {source}); "
        "reinstall the package"
    )


def font_path(file_name: str) -> Path:
    return resources_dir() / "fonts" / file_name


def icon_path(file_name: str) -> Path:
    return resources_dir() / "icons" / file_name


def translations_dir() -> Path:
    return resources_dir() / "translations"
