"""Why a row of the export is skipped or rejected: the codes the report groups by.

DOMAIN.md and LEGACY_EXPORT.md: active contracts and their services move, expired and
cancelled ones do not; active tickets move, closed and cancelled ones do not; rows that break
the rules are rejected with their reason and the rest goes on; what an earlier run imported is
recognised by its legacy id and left as it is.
"""

from __future__ import annotations

import enum

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.wording import Translate, in_english


class SkipRule(enum.StrEnum):
    """A row deliberately not imported; each is a rule of the migration."""

    ALREADY_IMPORTED = "already_imported"
    SAME_COMPANY = "same_company"
    CONTRACT_EXPIRED = "contract_expired"
    CONTRACT_CANCELLED = "contract_cancelled"
    CONTRACT_DID_NOT_MOVE = "contract_did_not_move"
    TICKET_CLOSED = "ticket_closed"
    TICKET_CANCELLED = "ticket_cancelled"
    TICKET_DID_NOT_MOVE = "ticket_did_not_move"
    TICKET_MIGRATED_EARLIER = "ticket_migrated_earlier"

    @property
    def description(self) -> str:
        return SKIP_DESCRIPTIONS[self]


class RejectReason(enum.StrEnum):
    """A row that breaks the export's rules; it is not imported and the report says why."""

    MALFORMED_ROW = "malformed_row"
    MISSING_ID = "missing_id"
    DUPLICATE = "duplicate"
    INVALID_TAX_ID = "invalid_tax_id"
    INVALID_DATE = "invalid_date"
    MISSING_VALUE = "missing_value"
    INVALID_VALUE = "invalid_value"
    MISSING_CUSTOMER = "missing_customer"
    MISSING_RESELLER = "missing_reseller"
    MISSING_CONTRACT = "missing_contract"
    MISSING_TICKET = "missing_ticket"
    MISSING_FILE = "missing_file"
    FILE_TOO_LARGE = "file_too_large"
    # The attachment's file is there but cannot be taken (source.py, `FileProblem`).
    DAMAGED_FILE = "damaged_file"
    UNREADABLE_FILE = "unreadable_file"
    ENCRYPTED_FILE = "encrypted_file"
    UNSUPPORTED_COMPRESSION = "unsupported_compression"
    COMPRESSION_BOMB = "compression_bomb"
    # A record longer than its file's format allows: rejected without being read into memory.
    RECORD_TOO_LONG = "record_too_long"
    PARENT_REJECTED = "parent_rejected"
    CONFLICT = "conflict"

    @property
    def description(self) -> str:
        return REJECT_DESCRIPTIONS[self]


LEGACY_IMPORT = "LegacyImport"
SKIP_DESCRIPTIONS = {
    SkipRule.ALREADY_IMPORTED: QT_TRANSLATE_NOOP(
        "LegacyImport", "imported by an earlier run; left as it is"
    ),
    SkipRule.SAME_COMPANY: QT_TRANSLATE_NOOP(
        "LegacyImport",
        "same tax id as a company already imported or in the desk; "
        "its contracts and tickets go to that company",
    ),
    SkipRule.CONTRACT_EXPIRED: QT_TRANSLATE_NOOP("LegacyImport", "expired contracts do not move"),
    SkipRule.CONTRACT_CANCELLED: QT_TRANSLATE_NOOP(
        "LegacyImport", "cancelled contracts do not move"
    ),
    SkipRule.CONTRACT_DID_NOT_MOVE: QT_TRANSLATE_NOOP(
        "LegacyImport", "the service's contract does not move"
    ),
    SkipRule.TICKET_CLOSED: QT_TRANSLATE_NOOP("LegacyImport", "closed tickets do not move"),
    SkipRule.TICKET_CANCELLED: QT_TRANSLATE_NOOP("LegacyImport", "cancelled tickets do not move"),
    SkipRule.TICKET_DID_NOT_MOVE: QT_TRANSLATE_NOOP(
        "LegacyImport", "the ticket it belongs to does not move"
    ),
    SkipRule.TICKET_MIGRATED_EARLIER: QT_TRANSLATE_NOOP(
        "LegacyImport",
        "its ticket was migrated by an earlier run; a migrated dialogue is not changed",
    ),
}
REJECT_DESCRIPTIONS = {
    RejectReason.MALFORMED_ROW: QT_TRANSLATE_NOOP(
        "LegacyImport", "the row does not have the header's fields"
    ),
    RejectReason.MISSING_ID: QT_TRANSLATE_NOOP("LegacyImport", "the row has no legacy id"),
    RejectReason.DUPLICATE: QT_TRANSLATE_NOOP(
        "LegacyImport", "the same legacy id appears again (the first one is used)"
    ),
    RejectReason.INVALID_TAX_ID: QT_TRANSLATE_NOOP("LegacyImport", "invalid tax id"),
    RejectReason.INVALID_DATE: QT_TRANSLATE_NOOP("LegacyImport", "a date that is not a date"),
    RejectReason.MISSING_VALUE: QT_TRANSLATE_NOOP("LegacyImport", "a required value is empty"),
    RejectReason.INVALID_VALUE: QT_TRANSLATE_NOOP("LegacyImport", "a value the desk cannot take"),
    RejectReason.MISSING_CUSTOMER: QT_TRANSLATE_NOOP("LegacyImport", "its customer is missing"),
    RejectReason.MISSING_RESELLER: QT_TRANSLATE_NOOP("LegacyImport", "its reseller is missing"),
    RejectReason.MISSING_CONTRACT: QT_TRANSLATE_NOOP("LegacyImport", "its contract is missing"),
    RejectReason.MISSING_TICKET: QT_TRANSLATE_NOOP("LegacyImport", "its ticket is missing"),
    RejectReason.MISSING_FILE: QT_TRANSLATE_NOOP("LegacyImport", "its file is not in the export"),
    RejectReason.FILE_TOO_LARGE: QT_TRANSLATE_NOOP(
        "LegacyImport", "its file is larger than the desk stores"
    ),
    RejectReason.DAMAGED_FILE: QT_TRANSLATE_NOOP(
        "LegacyImport", "its file in the zip is damaged (checksum or data)"
    ),
    RejectReason.UNREADABLE_FILE: QT_TRANSLATE_NOOP("LegacyImport", "its file cannot be read"),
    RejectReason.ENCRYPTED_FILE: QT_TRANSLATE_NOOP(
        "LegacyImport", "its file in the zip is encrypted"
    ),
    RejectReason.UNSUPPORTED_COMPRESSION: QT_TRANSLATE_NOOP(
        "LegacyImport",
        "its file in the zip uses a compression method that cannot be read (e.g. Deflate64)",
    ),
    RejectReason.COMPRESSION_BOMB: QT_TRANSLATE_NOOP(
        "LegacyImport",
        "its file in the zip expands far more than files do (a zip bomb's shape)",
    ),
    RejectReason.RECORD_TOO_LONG: QT_TRANSLATE_NOOP(
        "LegacyImport", "the row is longer than its file's format allows"
    ),
    RejectReason.PARENT_REJECTED: QT_TRANSLATE_NOOP(
        "LegacyImport", "the row it belongs to was rejected"
    ),
    RejectReason.CONFLICT: QT_TRANSLATE_NOOP(
        "LegacyImport", "contradicts what the desk already holds"
    ),
}


def describe(code: str, translate: Translate = in_english) -> str:
    """The rule or reason behind a code, in the reader's words (its code when unknown)."""
    for enum_class in (SkipRule, RejectReason):
        try:
            return translate(LEGACY_IMPORT, enum_class(code).description)
        except ValueError:
            continue
    return code
