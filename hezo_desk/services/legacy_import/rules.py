"""Why a row of the export is skipped or rejected: the codes the report groups by.

DOMAIN.md and LEGACY_EXPORT.md: active contracts and their services move, expired and
cancelled ones do not; active tickets move, closed and cancelled ones do not; rows that break
the rules are rejected with their reason and the rest goes on; what an earlier run imported is
recognised by its legacy id and left as it is.
"""

from __future__ import annotations

import enum


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


SKIP_DESCRIPTIONS = {
    SkipRule.ALREADY_IMPORTED: "imported by an earlier run; left as it is",
    SkipRule.SAME_COMPANY: "same tax id as a company already imported or in the desk; "
    "its contracts and tickets go to that company",
    SkipRule.CONTRACT_EXPIRED: "expired contracts do not move",
    SkipRule.CONTRACT_CANCELLED: "cancelled contracts do not move",
    SkipRule.CONTRACT_DID_NOT_MOVE: "the service's contract does not move",
    SkipRule.TICKET_CLOSED: "closed tickets do not move",
    SkipRule.TICKET_CANCELLED: "cancelled tickets do not move",
    SkipRule.TICKET_DID_NOT_MOVE: "the ticket it belongs to does not move",
    SkipRule.TICKET_MIGRATED_EARLIER: "its ticket was migrated by an earlier run; a migrated "
    "dialogue is not changed",
}
REJECT_DESCRIPTIONS = {
    RejectReason.MALFORMED_ROW: "the row does not have the header's fields",
    RejectReason.MISSING_ID: "the row has no legacy id",
    RejectReason.DUPLICATE: "the same legacy id appears again (the first one is used)",
    RejectReason.INVALID_TAX_ID: "invalid tax id",
    RejectReason.INVALID_DATE: "a date that is not a date",
    RejectReason.MISSING_VALUE: "a required value is empty",
    RejectReason.INVALID_VALUE: "a value the desk cannot take",
    RejectReason.MISSING_CUSTOMER: "its customer is missing",
    RejectReason.MISSING_RESELLER: "its reseller is missing",
    RejectReason.MISSING_CONTRACT: "its contract is missing",
    RejectReason.MISSING_TICKET: "its ticket is missing",
    RejectReason.MISSING_FILE: "its file is not in the export",
    RejectReason.FILE_TOO_LARGE: "its file is larger than the desk stores",
    RejectReason.DAMAGED_FILE: "its file in the zip is damaged (checksum or data)",
    RejectReason.UNREADABLE_FILE: "its file cannot be read",
    RejectReason.ENCRYPTED_FILE: "its file in the zip is encrypted",
    RejectReason.UNSUPPORTED_COMPRESSION: "its file in the zip uses a compression method "
    "that cannot be read (e.g. Deflate64)",
    RejectReason.COMPRESSION_BOMB: "its file in the zip expands far more than files do "
    "(a zip bomb's shape)",
    RejectReason.RECORD_TOO_LONG: "the row is longer than its file's format allows",
    RejectReason.PARENT_REJECTED: "the row it belongs to was rejected",
    RejectReason.CONFLICT: "contradicts what the desk already holds",
}


def describe(code: str) -> str:
    """The rule or reason behind a code, in words."""
    for enum_class in (SkipRule, RejectReason):
        try:
            return enum_class(code).description
        except ValueError:
            continue
    return code
