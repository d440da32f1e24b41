"""The copies of attachments the desk hands to the system's viewer, and their removal.

An attachment is opened by writing it to a file and asking the system to open that file. The
copies are customer data: they live in one locked folder per desk process (`scratch`), are
removed when the desk exits, and, when a desk was killed, by the next desk that starts. When a
viewer closes a file the desk cannot tell (the system's "open" starts another program and says
nothing more), so a copy stays until the desk exits.
"""

from __future__ import annotations

from pathlib import Path

from hezo_desk.services import scratch

PREFIX = "hezo-desk-open-"


def _safe_name(file_name: str, fallback: str) -> str:
    """The name's last part only: a stored name must not reach outside the folder."""
    name = Path(file_name.replace("\\", "/")).name.strip()
    return name if name not in ("", ".", "..") else fallback


class OpenedCopies:
    """One desk's folder of opened attachments (made at the first open), in `parent` or temp."""

    def __init__(self, parent: Path | None = None) -> None:
        self._parent = parent
        self._folder: scratch.LockedFolder | None = None

    @property
    def folder(self) -> Path | None:
        """The folder, once an attachment was opened."""
        return self._folder.path if self._folder is not None else None

    def clear_abandoned(self) -> list[Path]:
        """Remove the folders of desks that are gone (killed before they could clear them)."""
        return scratch.clear_abandoned(PREFIX, self._parent)

    def write(self, attachment_id: int, file_name: str, data: bytes) -> Path:
        """A copy of the attachment under its own name, to open (written again if there)."""
        if self._folder is None:
            self._folder = scratch.LockedFolder(PREFIX, self._parent)
        # A folder per attachment: two attachments may have the same name.
        place = self._folder.path / str(attachment_id)
        place.mkdir(exist_ok=True)
        path = place / _safe_name(file_name, f"attachment-{attachment_id}")
        path.write_bytes(data)
        return path

    def remove_all(self) -> None:
        """Remove every copy and the folder (when the desk exits)."""
        folder, self._folder = self._folder, None
        if folder is not None:
            folder.remove()
