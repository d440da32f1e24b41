"""A plain `pip install .` gives a working command that finds its resources and migrations,
and the wheel holds the product only (no tests, benchmarks or the code they share)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (REPOSITORY / "pyproject.toml").is_file():
        pytest.skip("needs the source tree to build a wheel")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(out),
            str(REPOSITORY),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("hezo_desk-*.whl")
    return built


def test_the_wheel_carries_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "hezo_desk/resources/fonts/DejaVuSans.ttf",
        "hezo_desk/resources/fonts/DejaVuSans-Bold.ttf",
        "hezo_desk/resources/icons/hezo-desk.svg",
        # The UI reads the compiled catalogue; the case PDF reads the same words from the .ts.
        "hezo_desk/resources/translations/hezo_desk_pl.qm",
        "hezo_desk/resources/translations/hezo_desk_pl.ts",
        "hezo_desk/migrations/env.py",
        "hezo_desk/migrations/script.py.mako",
        "hezo_desk/migrations/versions/0001_initial_schema.py",
    ):
        assert required in names


# Whatever only tests and benchmarks run: their folders, pytest files, the legacy export
# generator and the load driver (tests/support), benchmark modules.
NOT_PRODUCT = re.compile(
    r"(^|/)(tests|benchmarks|support)/|conftest|(^|/)test_|generator|loadtest|bench",
    re.IGNORECASE,
)


def test_the_wheel_holds_the_product_only(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert names
    assert [name for name in names if NOT_PRODUCT.search(name)] == []
    top = {name.split("/", 1)[0] for name in names}
    assert {folder for folder in top if not folder.endswith(".dist-info")} == {"hezo_desk"}


def test_an_installed_wheel_runs_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    target = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # Dependencies come from this environment; the package itself only from the wheel.
    (target / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    zipfile.ZipFile(wheel).extractall(target)
    env = {**os.environ, "HEZO_DESK_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": ""}
    check = subprocess.run(
        [
            str(python),
            "-c",
            "import hezo_desk, hezo_desk.resources as r, hezo_desk.catalogue as c; "
            "print(hezo_desk.__file__); print(r.font_path('DejaVuSans.ttf').is_file()); "
            "print(c.Catalogue().translate('pl', 'CasePdf', 'Case'))",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    location, found, case = check.stdout.split()
    assert location.startswith(str(target))
    assert found == "True"
    assert case == "Zgłoszenie"
    done = subprocess.run(
        [str(python), "-m", "hezo_desk", "db", "upgrade"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "hezo-desk.sqlite3").is_file()
