"""Where an export lives: a folder, or the same folder zipped (possibly inside one top folder).

Files are found by name, ignoring case; attachment paths are relative to the export's root and
may not leave it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import BinaryIO

from hezo_desk.errors import UserError

EXPORT_FILES = (
    "resellers.csv",
    "customers.csv",
    "contracts.csv",
    "services.csv",
    "tickets.csv",
    "messages.csv",
    "attachments.csv",
)


class ExportSource:
    """An open export. Use as a context manager (a zip stays open while in use)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        if not self.path.exists():
            raise UserError(f"{self.path} does not exist: give the export folder or its zip")
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, str] = {}
        self._root_dir: Path | None = None
        if self.path.is_dir():
            self._root_dir = self.path
            self._names = {
                child.name.lower(): child.name for child in self.path.iterdir() if child.is_file()
            }
        else:
            try:
                self._zip = zipfile.ZipFile(self.path)
            except (zipfile.BadZipFile, OSError) as error:
                raise UserError(
                    f"{self.path} is neither a folder nor a readable zip file: {error}"
                ) from error
            self._index_zip(self._zip)
        missing = [name for name in EXPORT_FILES if name not in self._names]
        if missing:
            self.close()
            found = ", ".join(sorted(self._names.values())) or "no files"
            raise UserError(
                f"{self.path} is not a complete legacy export: missing {', '.join(missing)} "
                f"(found {found})"
            )

    def _index_zip(self, archive: zipfile.ZipFile) -> None:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        # The root is the folder holding customers.csv (the zip of a folder has it one deeper).
        roots = sorted(
            (
                str(PurePosixPath(name).parent)
                for name in names
                if name.lower().endswith("customers.csv")
                and PurePosixPath(name).name.lower() == "customers.csv"
            ),
            key=len,
        )
        root = roots[0] if roots else "."
        self._root = "" if root == "." else root + "/"
        self._members = {
            name[len(self._root) :]: name for name in names if name.startswith(self._root)
        }
        self._names = {
            relative.lower(): relative for relative in self._members if "/" not in relative
        }

    def __enter__(self) -> ExportSource:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    @property
    def description(self) -> str:
        return str(self.path)

    def file_size(self, name: str) -> int:
        actual = self._names[name]
        if self._zip is not None:
            return self._zip.getinfo(self._members[actual]).file_size
        assert self._root_dir is not None
        return (self._root_dir / actual).stat().st_size

    def open_file(self, name: str) -> BinaryIO:
        """One of the export's CSV files, as bytes."""
        actual = self._names[name]
        if self._zip is not None:
            return self._zip.open(self._members[actual])  # type: ignore[return-value]
        assert self._root_dir is not None
        return (self._root_dir / actual).open("rb")

    # ----- attachments ---------------------------------------------------------------------

    @staticmethod
    def safe_relative(path: str) -> str | None:
        """The attachment path as a relative POSIX path, or None if it would leave the export."""
        text = path.strip().replace("\\", "/")
        if not text or text.startswith("/") or (len(text) > 1 and text[1] == ":"):
            return None
        parts = [part for part in text.split("/") if part not in ("", ".")]
        if not parts or any(part == ".." for part in parts):
            return None
        return "/".join(parts)

    def attachment_size(self, relative: str) -> int | None:
        if self._zip is not None:
            member = self._members.get(relative)
            return None if member is None else self._zip.getinfo(member).file_size
        target = self._inside(relative)
        return target.stat().st_size if target is not None else None

    def read_attachment(self, relative: str) -> bytes:
        stream = self._open_attachment(relative)
        if stream is None:
            raise UserError(f"{relative} disappeared from the export while it was being imported")
        with stream:
            return stream.read()

    def _open_attachment(self, relative: str) -> BinaryIO | None:
        if self._zip is not None:
            member = self._members.get(relative)
            return None if member is None else self._zip.open(member)  # type: ignore[return-value]
        target = self._inside(relative)
        return target.open("rb") if target is not None else None

    def _inside(self, relative: str) -> Path | None:
        """The file in the export folder, unless it is missing or (by a link) outside it."""
        assert self._root_dir is not None
        target = self._root_dir / relative
        if not target.is_file():
            return None
        if not target.resolve().is_relative_to(self._root_dir.resolve()):
            return None
        return target
