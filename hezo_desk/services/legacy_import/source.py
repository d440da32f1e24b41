"""Where an export lives: a folder, or the same folder zipped (possibly inside one top folder).

Files are found by name, ignoring case; attachment paths are relative to the export's root and
may not leave it.

An attachment's file that cannot be taken (damaged, encrypted, compressed with a method
`zipfile` cannot read, shaped like a zip bomb, unreadable) is a `FileProblem`: a reason code
and the member's name, so that its row alone is rejected and the rest of the import goes on.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import BinaryIO

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.errors import UserError
from hezo_desk.services.legacy_import.rules import RejectReason

EXPORT_FILES = (
    "resellers.csv",
    "customers.csv",
    "contracts.csv",
    "services.csv",
    "tickets.csv",
    "messages.csv",
    "attachments.csv",
)

# The compression methods `zipfile` reads; others (Deflate64 = 9, PPMd, …) it cannot.
READABLE_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
# Files expand a few times, text logs tens of times; a zip bomb expands about a thousand
# times (Deflate's limit is 1032:1). Small files may expand as they like: they harm nothing.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_FROM = 1024 * 1024
_READ_CHUNK = 1024 * 1024
_ENCRYPTED = 0x1
# What reading a damaged member raises: a bad CRC or header (BadZipFile), a corrupt stream
# (zlib.error, lzma.LZMAError, OSError from bz2), a truncated one (EOFError).
_DAMAGED = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError)


@dataclass(frozen=True)
class FileProblem:
    """Why an attachment's file cannot be taken: a reject reason, and the member it is about
    with the fact behind it (the library's own words for damage), for the report's detail."""

    code: RejectReason
    detail: str


class UnreadableFileError(Exception):
    def __init__(self, problem: FileProblem) -> None:
        super().__init__(problem.detail)
        self.problem = problem


class ExportSource:
    """An open export. Use as a context manager (a zip stays open while in use)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        if not self.path.exists():
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "%1 does not exist: give the export folder or its zip"),
                self.path,
            )
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
                    QT_TRANSLATE_NOOP(
                        "Errors", "%1 is neither a folder nor a readable zip file: %2"
                    ),
                    self.path,
                    error,
                ) from error
            self._index_zip(self._zip)
        missing = [name for name in EXPORT_FILES if name not in self._names]
        if missing:
            self.close()
            found = ", ".join(sorted(self._names.values())) or "no files"
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors", "%1 is not a complete legacy export: missing %2 (found %3)"
                ),
                self.path,
                ", ".join(missing),
                found,
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

    @contextmanager
    def open_file(self, name: str) -> Iterator[BinaryIO]:
        """One of the export's CSV files, as bytes. Without it nothing can be imported: a
        member that cannot be read stops the run before anything is written (`UserError`)."""
        actual = self._names[name]
        if self._zip is None:
            assert self._root_dir is not None
            with (self._root_dir / actual).open("rb") as file:
                yield file
            return
        member = self._members[actual]
        problem = self.attachment_problem(actual)
        if problem is not None and problem.code is not RejectReason.COMPRESSION_BOMB:
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "%1 cannot be read from %2: %3"),
                name,
                self.path,
                problem.code.value,
            )
        try:
            stream = self._zip.open(member)
        except (*_DAMAGED, RuntimeError, NotImplementedError) as error:
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "%1 cannot be read from %2: %3"),
                name,
                self.path,
                _reason(error),
            ) from None
        try:
            with stream:
                yield stream  # type: ignore[misc]
        except _DAMAGED as error:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors", "%1 in %2 is damaged (%3): nothing was imported; zip the export again"
                ),
                name,
                self.path,
                _reason(error),
            ) from None

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

    def attachment_problem(self, relative: str) -> FileProblem | None:
        """What the zip's directory already says is wrong with an attachment's member (no data
        is read): encrypted, a compression method that cannot be read, a zip bomb's ratio."""
        if self._zip is None:
            return None
        member = self._members.get(relative)
        if member is None:
            return None
        info = self._zip.getinfo(member)
        if info.flag_bits & _ENCRYPTED:
            return FileProblem(RejectReason.ENCRYPTED_FILE, member)
        if info.compress_type not in READABLE_METHODS:
            method = info.compress_type
            return FileProblem(RejectReason.UNSUPPORTED_COMPRESSION, f"{member} ({method=})")
        if info.file_size >= RATIO_CHECKED_FROM and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            return FileProblem(
                RejectReason.COMPRESSION_BOMB,
                f"{member} ({info.compress_size} → {info.file_size} bytes, {ratio}:1)",
            )
        return None

    def verify_attachment(self, relative: str) -> FileProblem | None:
        """Read an attachment's file through, a chunk at a time (memory stays flat), to find
        damage only its data shows: a bad checksum, a corrupt or truncated stream."""
        try:
            with self._attachment_stream(relative) as stream:
                while stream.read(_READ_CHUNK):
                    pass
        except UnreadableFileError as error:
            return error.problem
        return None

    def read_attachment(self, relative: str) -> bytes:
        """An attachment's bytes; `UnreadableFileError` when its file cannot be taken."""
        with self._attachment_stream(relative) as stream:
            return stream.read()

    @contextmanager
    def _attachment_stream(self, relative: str) -> Iterator[BinaryIO]:
        problem = self.attachment_problem(relative)
        if problem is not None:
            raise UnreadableFileError(problem)
        name = self._members.get(relative, relative) if self._zip is not None else relative
        try:
            stream = self._open_attachment(relative)
            if stream is None:
                raise UnreadableFileError(FileProblem(RejectReason.MISSING_FILE, relative))
            with stream:
                yield stream
        except _DAMAGED as error:
            problem = FileProblem(RejectReason.DAMAGED_FILE, f"{name} ({_reason(error)})")
            raise UnreadableFileError(problem) from error
        except RuntimeError as error:  # zipfile's word for an encrypted member without password
            problem = FileProblem(RejectReason.ENCRYPTED_FILE, f"{name} ({_reason(error)})")
            raise UnreadableFileError(problem) from error
        except NotImplementedError as error:
            problem = FileProblem(
                RejectReason.UNSUPPORTED_COMPRESSION, f"{name} ({_reason(error)})"
            )
            raise UnreadableFileError(problem) from error
        except OSError as error:
            # From a zip member's data (bz2 says OSError) it is damage; from a folder, a file
            # the operating system would not give.
            code = RejectReason.DAMAGED_FILE if self._zip else RejectReason.UNREADABLE_FILE
            problem = FileProblem(code, f"{name} ({_reason(error)})")
            raise UnreadableFileError(problem) from error

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


def _reason(error: BaseException) -> str:
    """The library's own words for a failure, with its type (for the report's detail)."""
    text = getattr(error, "strerror", None) or str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
