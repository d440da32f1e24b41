"""No dead code: vulture finds no unused function, class, attribute or variable in the package.

Its paths and confidence are in pyproject.toml ([tool.vulture]); what only a framework uses (Qt
overrides, SQLAlchemy hooks, Alembic's names, …) is named in tests/vulture_whitelist.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
TOOLS = Path(sys.executable).parent


def test_vulture_finds_no_dead_code() -> None:
    if not (REPOSITORY / "pyproject.toml").is_file():
        pytest.skip("needs the source tree and its [tool.vulture] settings")
    vulture = shutil.which("vulture", path=str(TOOLS)) or shutil.which("vulture")
    if vulture is None:
        pytest.skip("vulture is not installed (it comes with the test extra)")
    done = subprocess.run(
        [vulture],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, (
        "dead code (remove it, or name what a framework calls in tests/vulture_whitelist.py):\n"
        + done.stdout
        + done.stderr
    )
