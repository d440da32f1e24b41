"""What to generate (`ExportSpec`), and the columns and file formats of the seven files."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

COLUMNS: Mapping[str, tuple[str, ...]] = {
    "resellers.csv": ("reseller_id", "nip", "name", "email"),
    "customers.csv": (
        "customer_id",
        "nip",
        "name",
        "street",
        "postal_code",
        "city",
        "country",
        "phone",
        "email",
    ),
    "contracts.csv": (
        "contract_no",
        "customer_id",
        "reseller_id",
        "start_date",
        "end_date",
        "status",
    ),
    "services.csv": ("service_id", "contract_no", "serial", "product", "start_date", "end_date"),
    "tickets.csv": (
        "ticket_id",
        "customer_id",
        "contract_no",
        "serial",
        "subject",
        "status",
        "priority",
        "opened_at",
        "closed_at",
        "opened_by",
    ),
    "messages.csv": ("message_id", "ticket_id", "sent_at", "author", "author_type", "body"),
    "attachments.csv": ("attachment_id", "ticket_id", "message_id", "file_name", "path"),
}
# How each file comes when the spec says "mixed": the old server's and people's re-saves.
MIXED_FORMATS: Mapping[str, tuple[str, str, str]] = {
    "resellers.csv": ("cp1250", ";", "crlf"),
    "customers.csv": ("utf-8-sig", ",", "lf"),
    "contracts.csv": ("cp1250", ";", "crlf"),
    "services.csv": ("utf-8", ",", "crlf"),
    "tickets.csv": ("utf-8-sig", ";", "lf"),
    "messages.csv": ("cp1250", ";", "crlf"),
    "attachments.csv": ("utf-8", ",", "lf"),
}


@dataclass(frozen=True)
class ExportSpec:
    customers: int = 12
    tickets: int = 60
    seed: int = 2026
    max_messages: int = 6
    bad_rows: bool = True
    # "mixed" (MIXED_FORMATS), one value for every file, or a value per file name.
    encoding: str | Mapping[str, str] = "mixed"
    separator: str | Mapping[str, str] = "mixed"
    line_ending: str | Mapping[str, str] = "mixed"
    attachment_every: int = 4
    # Every n-th ticket gets one message of about 30 KB on a single line (0: none).
    long_message_every: int = 0
    generation: int = 1


def format_of(spec: ExportSpec, file: str) -> tuple[str, str, str]:
    """Encoding, separator and line ending of one file."""

    def pick(option: str | Mapping[str, str], position: int) -> str:
        if isinstance(option, str):
            return MIXED_FORMATS[file][position] if option == "mixed" else option
        return option.get(file, MIXED_FORMATS[file][position])

    return pick(spec.encoding, 0), pick(spec.separator, 1), pick(spec.line_ending, 2)
