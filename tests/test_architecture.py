"""The layers hold: `lint-imports` checks the contracts in pyproject.toml ([tool.importlinter]).

ui over services over models, no Qt below the window, no SQL in it, and the commands (cli)
independent of the window (ui): part of the test command, so CI enforces them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
TOOLS = Path(sys.executable).parent


def test_import_contracts_are_kept() -> None:
    if not (REPOSITORY / "pyproject.toml").is_file():
        pytest.skip("needs the source tree and its contracts")
    lint_imports = shutil.which("lint-imports", path=str(TOOLS)) or shutil.which("lint-imports")
    if lint_imports is None:
        pytest.skip("lint-imports is not installed (import-linter comes with the test extra)")
    # From the repository root lint-imports analyses the source tree, not an installed copy;
    # --no-cache leaves no cache folder behind.
    done = subprocess.run(
        [lint_imports, "--no-cache"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
