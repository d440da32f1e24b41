"""The words a case PDF prints around the case's own text, in Polish and in English.

The PDF speaks the customer's language (`Customer.language`), not the desk user's, so these
are plain tables here and not Qt translations.
"""

from __future__ import annotations

from dataclasses import dataclass

from hezo_desk.enums import Language, MessageKind, Priority, TicketState


@dataclass(frozen=True)
class Labels:
    case: str
    variant_title: dict[str, str]
    facts: dict[str, str]
    states: dict[TicketState, str]
    priorities: dict[Priority, str]
    kinds: dict[MessageKind, str]
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
    page: str  # "{page}" of "{pages}"
    exported: str  # "{who}", "{when}"
    times_note: str
    replaced_note: str
    metadata_subject: str  # "{variant}"
    size_units: tuple[str, str, str, str]
    decimal_separator: str
    thousands_separator: str


POLISH = Labels(
    case="Zgłoszenie",
    variant_title={
        "customer": "Wersja dla klienta",
        "internal": "Wersja wewnętrzna – zawiera notatki wewnętrzne",
        "reseller": "Wersja dla partnera handlowego",
    },
    facts={
        "number": "Numer zgłoszenia",
        "legacy_number": "Numer w poprzednim systemie",
        "subject": "Temat",
        "customer": "Klient",
        "tax_id": "NIP",
        "contact": "Osoba kontaktowa",
        "contract": "Umowa serwisowa",
        "serial": "Numer seryjny",
        "state": "Status",
        "priority": "Priorytet",
        "opened_at": "Otwarte",
        "updated_at": "Ostatnia zmiana",
        "reseller_access": "Dostęp partnera",
        "prepared_for": "Przygotowano dla",
        "opened_by": "Otworzył(a)",
        "closed_at": "Zamknięte",
    },
    states={
        TicketState.NEW: "nowe",
        TicketState.IN_PROGRESS: "w realizacji",
        TicketState.WAITING_FOR_CUSTOMER: "oczekuje na klienta",
        TicketState.CLOSED: "zamknięte",
        TicketState.CANCELLED: "anulowane",
    },
    priorities={
        Priority.LOW: "niski",
        Priority.NORMAL: "normalny",
        Priority.HIGH: "wysoki",
        Priority.CRITICAL: "krytyczny",
    },
    kinds={
        MessageKind.CUSTOMER: "Klient",
        MessageKind.AGENT: "Konsultant HEZO",
        MessageKind.INTERNAL_NOTE: "NOTATKA WEWNĘTRZNA",
    },
    yes="tak",
    no="nie",
    dialogue="Korespondencja",
    no_entries="Brak wpisów.",
    attachments="Załączniki",
    no_attachments="Brak załączników.",
    file_name="Nazwa pliku",
    size="Rozmiar",
    checksum="Suma kontrolna SHA-256",
    unknown_time="czas nieznany",
    page="Strona {page} z {pages}",
    exported="Wyeksportował(a): {who}, {when}",
    times_note="Czas polski (Europe/Warsaw).",
    replaced_note="Znaki, których nie da się wydrukować tą czcionką, zastąpiono znakiem �.",
    metadata_subject="Zgłoszenie z korespondencją – {variant}",
    size_units=("B", "KB", "MB", "GB"),
    decimal_separator=",",
    thousands_separator="\u00a0",
)

ENGLISH = Labels(
    case="Case",
    variant_title={
        "customer": "Customer copy",
        "internal": "Internal copy – contains internal notes",
        "reseller": "Reseller copy",
    },
    facts={
        "number": "Case number",
        "legacy_number": "Legacy number",
        "subject": "Subject",
        "customer": "Customer",
        "tax_id": "Tax ID",
        "contact": "Contact",
        "contract": "Service contract",
        "serial": "Serial number",
        "state": "State",
        "priority": "Priority",
        "opened_at": "Opened",
        "updated_at": "Last changed",
        "reseller_access": "Reseller access",
        "prepared_for": "Prepared for",
        "opened_by": "Opened by",
        "closed_at": "Closed",
    },
    states={
        TicketState.NEW: "new",
        TicketState.IN_PROGRESS: "in progress",
        TicketState.WAITING_FOR_CUSTOMER: "waiting for the customer",
        TicketState.CLOSED: "closed",
        TicketState.CANCELLED: "cancelled",
    },
    priorities={
        Priority.LOW: "low",
        Priority.NORMAL: "normal",
        Priority.HIGH: "high",
        Priority.CRITICAL: "critical",
    },
    kinds={
        MessageKind.CUSTOMER: "Customer",
        MessageKind.AGENT: "HEZO agent",
        MessageKind.INTERNAL_NOTE: "INTERNAL NOTE",
    },
    yes="yes",
    no="no",
    dialogue="Dialogue",
    no_entries="No entries.",
    attachments="Attachments",
    no_attachments="No attachments.",
    file_name="File name",
    size="Size",
    checksum="SHA-256 checksum",
    unknown_time="time unknown",
    page="Page {page} of {pages}",
    exported="Exported by {who}, {when}",
    times_note="Polish local time (Europe/Warsaw).",
    replaced_note="Characters this font cannot print are shown as �.",
    metadata_subject="Case dialogue – {variant}",
    size_units=("B", "KB", "MB", "GB"),
    decimal_separator=".",
    thousands_separator=",",
)


def labels_for(language: Language) -> Labels:
    return POLISH if language is Language.POLISH else ENGLISH


def format_size(size: int, labels: Labels) -> str:
    """1536 → '1,5 KB' (Polish) / '1.5 KB' (English); bytes exactly below 1 KB."""
    if size < 1024:
        return f"{size} {labels.size_units[0]}"
    value = float(size)
    unit = 0
    while value >= 1024 and unit < len(labels.size_units) - 1:
        value /= 1024
        unit += 1
    text = f"{value:,.1f}".replace(",", "\x00").replace(".", labels.decimal_separator)
    return f"{text.replace(chr(0), labels.thousands_separator)} {labels.size_units[unit]}"
