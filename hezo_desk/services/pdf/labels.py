"""The words a case PDF prints around the case's own text, in the customer's language.

The PDF speaks the customer's language (`Customer.language`), not the desk user's, so it
does not ask Qt: its words are English source strings marked for the desk's one catalogue
(context "CasePdf"; the names of states and priorities are the desk's own, context "Labels",
as `hezo_desk/ui/labels.py` shows them) and `labels_for` reads their translations through
`hezo_desk.catalogue`. Add or change a word here, then run `scripts/update-translations`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from hezo_desk.catalogue import QT_TRANSLATE_NOOP, Catalogue
from hezo_desk.enums import Language, MessageKind, Priority, TicketState

CONTEXT = "CasePdf"
# The desk's context for the names of a ticket's values (the `Labels` QObject of the UI), so
# a state is called the same on screen and on paper.
DESK_NAMES = "Labels"
SIZE_UNITS = ("B", "KB", "MB", "GB")


@dataclass(frozen=True)
class NumberFormat:
    decimal_separator: str
    thousands_separator: str


NUMBER_FORMATS: Mapping[Language, NumberFormat] = MappingProxyType(
    {
        Language.POLISH: NumberFormat(",", "\u00a0"),
        Language.ENGLISH: NumberFormat(".", ","),
    }
)


@dataclass(frozen=True)
class Labels:
    case: str
    variant_title: Mapping[str, str]
    facts: Mapping[str, str]
    states: Mapping[TicketState, str]
    priorities: Mapping[Priority, str]
    kinds: Mapping[MessageKind, str]
    yes: str
    no: str
    dialogue: str
    no_entries: str
    attachments: str
    no_attachments: str
    file_name: str
    size: str
    checksum: str
    unknown_time: str
    page: str  # %1 page, %2 pages
    exported: str  # %1 who, %2 when
    times_note: str
    replaced_note: str
    metadata_subject: str  # %1 the variant's title
    numbers: NumberFormat
    sla: SlaLabels


@dataclass(frozen=True)
class SlaLabels:
    """The words of a case's service level: its targets, dues and their outcomes."""

    no_level: str
    no_target: str
    next_business_day: str
    minutes: str  # %1 minutes
    hours: str  # %1 hours
    hours_minutes: str  # %1 hours, %2 minutes
    days_hours: str  # %1 days, %2 hours
    left: str  # %1 due, %2 time left
    overdue: str  # %1 due, %2 past due
    met: str  # %1 due, %2 when met
    met_plain: str  # %1 due
    breached: str  # %1 due, %2 by how much
    breached_plain: str  # %1 due
    paused: str
    undecided: str  # %1 due


def labels_for(language: Language, catalogue: Catalogue) -> Labels:
    """The PDF's words in `language`, translated by `catalogue`."""
    translation = catalogue.language(language.value)

    def pdf(source: str) -> str:
        return translation.translate(CONTEXT, source)

    def desk(source: str) -> str:
        return translation.translate(DESK_NAMES, source)

    return Labels(
        case=pdf(QT_TRANSLATE_NOOP("CasePdf", "Case")),
        variant_title={
            "customer": pdf(QT_TRANSLATE_NOOP("CasePdf", "Customer copy")),
            "internal": pdf(
                QT_TRANSLATE_NOOP("CasePdf", "Internal copy – contains internal notes")
            ),
            "reseller": pdf(QT_TRANSLATE_NOOP("CasePdf", "Reseller copy")),
        },
        facts={
            "number": pdf(QT_TRANSLATE_NOOP("CasePdf", "Case number")),
            "legacy_number": pdf(QT_TRANSLATE_NOOP("CasePdf", "Legacy number")),
            "subject": pdf(QT_TRANSLATE_NOOP("CasePdf", "Subject")),
            "customer": pdf(QT_TRANSLATE_NOOP("CasePdf", "Customer")),
            "tax_id": pdf(QT_TRANSLATE_NOOP("CasePdf", "Tax ID")),
            "contact": pdf(QT_TRANSLATE_NOOP("CasePdf", "Contact")),
            "contract": pdf(QT_TRANSLATE_NOOP("CasePdf", "Service contract")),
            "serial": pdf(QT_TRANSLATE_NOOP("CasePdf", "Serial number")),
            "state": pdf(QT_TRANSLATE_NOOP("CasePdf", "State")),
            "priority": pdf(QT_TRANSLATE_NOOP("CasePdf", "Priority")),
            "opened_at": pdf(QT_TRANSLATE_NOOP("CasePdf", "Opened")),
            "updated_at": pdf(QT_TRANSLATE_NOOP("CasePdf", "Last changed")),
            "reseller_access": pdf(QT_TRANSLATE_NOOP("CasePdf", "Reseller access")),
            "prepared_for": pdf(QT_TRANSLATE_NOOP("CasePdf", "Prepared for")),
            "opened_by": pdf(QT_TRANSLATE_NOOP("CasePdf", "Opened by")),
            "closed_at": pdf(QT_TRANSLATE_NOOP("CasePdf", "Closed")),
            "service_level": pdf(QT_TRANSLATE_NOOP("CasePdf", "Service level")),
            "response_target": pdf(QT_TRANSLATE_NOOP("CasePdf", "Response target")),
            "response_due": pdf(QT_TRANSLATE_NOOP("CasePdf", "Response due")),
            "resolution_target": pdf(QT_TRANSLATE_NOOP("CasePdf", "Resolution target")),
            "resolution_due": pdf(QT_TRANSLATE_NOOP("CasePdf", "Resolution due")),
        },
        states={
            TicketState.NEW: desk(QT_TRANSLATE_NOOP("Labels", "new")),
            TicketState.IN_PROGRESS: desk(QT_TRANSLATE_NOOP("Labels", "in progress")),
            TicketState.WAITING_FOR_CUSTOMER: desk(
                QT_TRANSLATE_NOOP("Labels", "waiting for the customer")
            ),
            TicketState.CLOSED: desk(QT_TRANSLATE_NOOP("Labels", "closed")),
            TicketState.CANCELLED: desk(QT_TRANSLATE_NOOP("Labels", "cancelled")),
        },
        priorities={
            Priority.LOW: desk(QT_TRANSLATE_NOOP("Labels", "low")),
            Priority.NORMAL: desk(QT_TRANSLATE_NOOP("Labels", "normal")),
            Priority.HIGH: desk(QT_TRANSLATE_NOOP("Labels", "high")),
            Priority.CRITICAL: desk(QT_TRANSLATE_NOOP("Labels", "critical")),
        },
        kinds={
            MessageKind.CUSTOMER: pdf(QT_TRANSLATE_NOOP("CasePdf", "Customer")),
            MessageKind.AGENT: pdf(QT_TRANSLATE_NOOP("CasePdf", "HEZO agent")),
            MessageKind.INTERNAL_NOTE: pdf(QT_TRANSLATE_NOOP("CasePdf", "INTERNAL NOTE")),
        },
        yes=pdf(QT_TRANSLATE_NOOP("CasePdf", "yes")),
        no=pdf(QT_TRANSLATE_NOOP("CasePdf", "no")),
        dialogue=pdf(QT_TRANSLATE_NOOP("CasePdf", "Dialogue")),
        no_entries=pdf(QT_TRANSLATE_NOOP("CasePdf", "No entries.")),
        attachments=pdf(QT_TRANSLATE_NOOP("CasePdf", "Attachments")),
        no_attachments=pdf(QT_TRANSLATE_NOOP("CasePdf", "No attachments.")),
        file_name=pdf(QT_TRANSLATE_NOOP("CasePdf", "File name")),
        size=pdf(QT_TRANSLATE_NOOP("CasePdf", "Size")),
        checksum=pdf(QT_TRANSLATE_NOOP("CasePdf", "SHA-256 checksum")),
        unknown_time=pdf(QT_TRANSLATE_NOOP("CasePdf", "time unknown")),
        page=pdf(QT_TRANSLATE_NOOP("CasePdf", "Page %1 of %2")),
        exported=pdf(QT_TRANSLATE_NOOP("CasePdf", "Exported by %1, %2")),
        times_note=pdf(QT_TRANSLATE_NOOP("CasePdf", "Polish local time (Europe/Warsaw).")),
        replaced_note=pdf(
            QT_TRANSLATE_NOOP("CasePdf", "Characters this font cannot print are shown as �.")
        ),
        metadata_subject=pdf(QT_TRANSLATE_NOOP("CasePdf", "Case dialogue – %1")),
        numbers=NUMBER_FORMATS[language],
        sla=SlaLabels(
            no_level=pdf(QT_TRANSLATE_NOOP("CasePdf", "none")),
            no_target=pdf(QT_TRANSLATE_NOOP("CasePdf", "no target")),
            next_business_day=pdf(
                QT_TRANSLATE_NOOP("CasePdf", "by 16:00 on the next business day")
            ),
            minutes=pdf(QT_TRANSLATE_NOOP("CasePdf", "%1 min")),
            hours=pdf(QT_TRANSLATE_NOOP("CasePdf", "%1 h")),
            hours_minutes=pdf(QT_TRANSLATE_NOOP("CasePdf", "%1 h %2 min")),
            days_hours=pdf(QT_TRANSLATE_NOOP("CasePdf", "%1 d %2 h")),
            left=pdf(QT_TRANSLATE_NOOP("CasePdf", "%1 – pending, %2 left")),
            overdue=pdf(QT_TRANSLATE_NOOP("CasePdf", "%1 – overdue by %2")),
            met=pdf(QT_TRANSLATE_NOOP("CasePdf", "%1 – met (%2)")),
            met_plain=pdf(QT_TRANSLATE_NOOP("CasePdf", "%1 – met")),
            breached=pdf(QT_TRANSLATE_NOOP("CasePdf", "%1 – breached by %2")),
            breached_plain=pdf(QT_TRANSLATE_NOOP("CasePdf", "%1 – breached")),
            paused=pdf(QT_TRANSLATE_NOOP("CasePdf", "paused (waiting for the customer)")),
            undecided=pdf(QT_TRANSLATE_NOOP("CasePdf", "%1 – not decided")),
        ),
    )


def format_size(size: int, numbers: NumberFormat) -> str:
    """1536 → '1,5 KB' (Polish) / '1.5 KB' (English); bytes exactly below 1 KB."""
    if size < 1024:
        return f"{size} {SIZE_UNITS[0]}"
    value = float(size)
    unit = 0
    while value >= 1024 and unit < len(SIZE_UNITS) - 1:
        value /= 1024
        unit += 1
    text = f"{value:,.1f}".replace(",", "\x00").replace(".", numbers.decimal_separator)
    return f"{text.replace(chr(0), numbers.thousands_separator)} {SIZE_UNITS[unit]}"
