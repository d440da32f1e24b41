"""What a case PDF shows: a plain, picklable model, independent of the database.

A `CaseDocument` is built from the database (`builders.case_document`), from the legacy
export's parsed rows (`legacy_case_document`), or by hand in tests; `render.render_case_pdf`
turns it into PDF bytes. Everything here is frozen dataclasses, tuples, enums and aware
datetimes, so documents cross process boundaries (batch rendering in worker processes).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from hezo_desk.enums import (
    LEGACY_DIALOGUE_KIND,
    Language,
    MessageKind,
    Priority,
    TicketState,
)
from hezo_desk.local_time import WARSAW, local_minute
from hezo_desk.services.service_levels.standing import SlaFacts

# Attachments only staff may see (the migration's dialogue PDF carries internal notes).
# Mirrors `hezo_desk.services.reseller_rule.INTERNAL_ATTACHMENT_KINDS`, which stays the rule's home;
# this module must not import the database layer (it runs in worker processes).
STAFF_ONLY_ATTACHMENT_KINDS = frozenset({LEGACY_DIALOGUE_KIND})

# The legacy export's `author_type` values (LEGACY_EXPORT.md).
LEGACY_AUTHOR_TYPES = {
    "klient": MessageKind.CUSTOMER,
    "agent": MessageKind.AGENT,
    "notatka": MessageKind.INTERNAL_NOTE,
}


class Variant(enum.StrEnum):
    """Who the document is for, which decides what it may contain."""

    CUSTOMER = "customer"  # no internal notes, no staff-only attachments
    INTERNAL = "internal"  # everything; internal notes marked on each entry
    RESELLER = "reseller"  # what the reseller access rule allows, nothing more

    @property
    def shows_internal(self) -> bool:
        return self is Variant.INTERNAL


@dataclass(frozen=True)
class CaseEntry:
    """One entry of the dialogue. `time` is aware (None: the legacy system did not know)."""

    author: str
    kind: MessageKind
    time: dt.datetime | None
    body: str


@dataclass(frozen=True)
class CaseAttachment:
    name: str
    size: int
    sha256: str
    kind: str = "file"


@dataclass(frozen=True, kw_only=True)
class CaseDocument:
    """One case as a PDF shows it. Optional facts left None are not printed.

    `language` is the customer's (`Customer.language`): the labels follow it. The variant is
    checked against the content: a customer or reseller document cannot hold internal notes
    or staff-only attachments (a builder that got this wrong fails loudly, not silently).
    """

    number: str
    subject: str
    customer_name: str
    variant: Variant
    language: Language = Language.POLISH
    entries: tuple[CaseEntry, ...] = ()
    attachments: tuple[CaseAttachment, ...] = ()
    tax_id: str | None = None
    contact: str | None = None
    contract: str | None = None
    serial: str | None = None
    state: TicketState | None = None
    priority: Priority | None = None
    opened_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    reseller_access: bool | None = None
    reseller_name: str | None = None
    legacy_number: str | None = None
    # For the reseller variant: the reseller the copy is made for.
    prepared_for: str | None = None
    extra_facts: tuple[tuple[str, str], ...] = field(default=())
    # Its service level: targets, dues and outcomes (None: not shown), standing as of
    # `sla_as_of` (when the document was made).
    service_level: SlaFacts | None = None
    sla_as_of: dt.datetime | None = None

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise ValueError("a case document needs a case number")
        for moment in (self.opened_at, self.updated_at, *(e.time for e in self.entries)):
            if moment is not None and moment.tzinfo is None:
                raise ValueError(f"naive datetime {moment!r} in case {self.number}: give it a zone")
        if self.variant is not Variant.INTERNAL:
            if any(e.kind is MessageKind.INTERNAL_NOTE for e in self.entries):
                raise ValueError(
                    f"the {self.variant.value} copy of {self.number} must not contain "
                    "internal notes"
                )
            if any(a.kind in STAFF_ONLY_ATTACHMENT_KINDS for a in self.attachments):
                raise ValueError(
                    f"the {self.variant.value} copy of {self.number} must not list "
                    "staff-only attachments"
                )

    @property
    def internal_note_count(self) -> int:
        return sum(1 for e in self.entries if e.kind is MessageKind.INTERNAL_NOTE)


def warsaw_time(moment: dt.datetime | None) -> dt.datetime | None:
    """An aware datetime as is; a naive one read as Polish local time (the legacy export's)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=WARSAW)


def legacy_case_document(
    *,
    legacy_number: str,
    subject: str,
    customer_name: str,
    messages: Iterable[CaseEntry],
    attachments: Iterable[CaseAttachment] = (),
    number: str | None = None,
    tax_id: str | None = None,
    contract: str | None = None,
    serial: str | None = None,
    state: TicketState | None = None,
    priority: Priority | None = None,
    opened_at: dt.datetime | None = None,
    closed_at: dt.datetime | None = None,
    opened_by: str | None = None,
    language: Language = Language.POLISH,
) -> CaseDocument:
    """The legacy dialogue of one case as an internal document, without the database.

    For the legacy import (issue 6): pass the parsed rows. Messages keep the given order
    (sort them by `sent_at`, then message id, before); their `kind` comes from the export's
    `author_type` via `LEGACY_AUTHOR_TYPES`; naive times are read as Polish local time.
    `number` is the new HD number when already known; the legacy number is always shown.
    """
    entries = tuple(CaseEntry(m.author, m.kind, warsaw_time(m.time), m.body) for m in messages)
    extra: list[tuple[str, str]] = []
    if opened_by:
        extra.append(("opened_by", opened_by))
    closed = warsaw_time(closed_at)
    if closed is not None:
        extra.append(("closed_at", local_minute(closed)))
    return CaseDocument(
        number=number or legacy_number,
        legacy_number=legacy_number,
        subject=subject,
        customer_name=customer_name,
        tax_id=tax_id,
        contract=contract,
        serial=serial,
        state=state,
        priority=priority,
        opened_at=warsaw_time(opened_at),
        variant=Variant.INTERNAL,
        language=language,
        entries=entries,
        attachments=tuple(attachments),
        extra_facts=tuple(extra),
    )
