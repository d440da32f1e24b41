"""What the desk asks of a file before storing it as an attachment: its size and its type."""

from __future__ import annotations

import mimetypes

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.errors import UserError
from hezo_desk.models import MAX_ATTACHMENT_BYTES


def check_attachment_size(name: str, size: int) -> None:
    if size > MAX_ATTACHMENT_BYTES:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "%1 is %2 MB; attachments may be at most %3 MB"),
            name,
            format(size / 1024 / 1024, ".1f"),
            MAX_ATTACHMENT_BYTES // 1024 // 1024,
        )


def guess_content_type(file_name: str) -> str:
    return mimetypes.guess_type(file_name)[0] or "application/octet-stream"
