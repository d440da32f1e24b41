"""An import's staging folder: locked while its import runs, cleared once that import is gone."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock

from hezo_desk.services.legacy_import.workspace import LOCK_NAME, PREFIX, clear_abandoned, workspace


def test_only_the_folders_of_imports_that_are_gone_are_cleared(tmp_path: Path) -> None:
    abandoned = tmp_path / f"{PREFIX}killed"
    abandoned.mkdir()
    (abandoned / LOCK_NAME).touch()  # what a killed import leaves: its lock, no holder
    (abandoned / "staging.sqlite3").write_bytes(b"x" * 1024)
    unknown = tmp_path / f"{PREFIX}without-lock"  # not one this desk made: left alone
    unknown.mkdir()
    elsewhere = tmp_path / "other-folder"
    elsewhere.mkdir()
    (elsewhere / LOCK_NAME).touch()
    with workspace(tmp_path) as running:
        assert running.name.startswith(PREFIX)
        assert clear_abandoned(tmp_path) == [abandoned]
        assert running.is_dir(), "a running import's folder stays"
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [running.name, unknown.name, elsewhere.name]
        )
    assert not running.exists(), "an import's own folder goes when it ends"


def test_a_folder_whose_lock_is_held_elsewhere_stays(tmp_path: Path) -> None:
    folder = tmp_path / f"{PREFIX}busy"
    folder.mkdir()
    with FileLock(str(folder / LOCK_NAME)):
        assert clear_abandoned(tmp_path) == []
    assert folder.is_dir()
    assert clear_abandoned(tmp_path) == [folder]
