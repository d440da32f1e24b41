"""Case dialogues as PDF: one reportlab renderer for exports, prints, batches and the migration.

How to call it (no database needed; everything here is picklable and safe in worker
processes)::

    import datetime as dt
    from hezo_desk.enums import Language, MessageKind
    from hezo_desk.services.pdf import (
        CaseAttachment, CaseEntry, LEGACY_AUTHOR_TYPES, legacy_case_document, render_case_pdf,
    )

    document = legacy_case_document(
        legacy_number="ZG/2019/00042",
        subject="Nie działa VPN",                       # exactly as it was
        customer_name="Drukarnia Łąka Sp. z o.o.",
        messages=[
            CaseEntry(author="Jan Kowalski", kind=LEGACY_AUTHOR_TYPES["klient"],
                      time=dt.datetime(2019, 5, 6, 9, 15), body="Dzień dobry…"),  # naive = Warsaw
        ],
        attachments=[CaseAttachment(name="log.txt", size=1234, sha256="ab…")],
        language=Language.POLISH,
    )
    pdf: bytes = render_case_pdf(document, exported_by="Import danych", exported_at=aware_dt)

Rendering many documents on both cores: `RenderPool` (a process pool; submit documents,
get bytes back in order, cancel between cases).

From the database (staff side, with the variants and the reseller rule): see
`hezo_desk.services.pdf.export` (`PdfExportService`: `document`, `render`, `export_to_file`,
`record_print`) and `hezo_desk.services.pdf.batch` (`export_batch`); those import the
database layer, this package's top level does not.
"""

from hezo_desk.services.pdf.document import (
    LEGACY_AUTHOR_TYPES,
    STAFF_ONLY_ATTACHMENT_KINDS,
    CaseAttachment,
    CaseDocument,
    CaseEntry,
    Variant,
    legacy_case_document,
)
from hezo_desk.services.pdf.pool import RenderPool
from hezo_desk.services.pdf.render import render_case_pdf

__all__ = [
    "LEGACY_AUTHOR_TYPES",
    "STAFF_ONLY_ATTACHMENT_KINDS",
    "CaseAttachment",
    "CaseDocument",
    "CaseEntry",
    "RenderPool",
    "Variant",
    "legacy_case_document",
    "render_case_pdf",
]
