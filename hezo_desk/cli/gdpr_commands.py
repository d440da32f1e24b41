"""`hezo-desk gdpr …`: the rights of the people whose data the desk holds (RODO).

`gdpr export CONTACT -o DIR` writes everything held about a person (art. 15);
`gdpr erase CONTACT [--override-reason TEXT]` anonymises a contact everywhere (art. 17);
`gdpr verify-erased VALUE...` proves nothing of a person is left (exit 1 and where, if so);
`gdpr retention --closed-before DATE [--dry-run]` anonymises the contacts of long-closed
tickets. Each subcommand is added by its own function, listed in `SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext
from hezo_desk.config import data_dir
from hezo_desk.enums import Language
from hezo_desk.errors import UserError
from hezo_desk.services.actor import require_role
from hezo_desk.services.personal_data.access import (
    CATEGORIES,
    EXPORT_ROLES,
    PersonalDataAccessService,
)
from hezo_desk.services.personal_data.erasure import ErasureService
from hezo_desk.services.personal_data.retention import RetentionService
from hezo_desk.services.personal_data.verification import verify_erased

# The categories of an export by name, in the command's language (`CATEGORIES`: the JSON's keys).
CATEGORY_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "registrations": QT_TRANSLATE_NOOP("Cli", "registrations"),
        "tickets": QT_TRANSLATE_NOOP("Cli", "tickets"),
        "messages": QT_TRANSLATE_NOOP("Cli", "messages"),
        "access_decisions": QT_TRANSLATE_NOOP("Cli", "access decisions"),
        "audit_entries": QT_TRANSLATE_NOOP("Cli", "audit entries"),
        "calls": QT_TRANSLATE_NOOP("Cli", "calls"),
    }
)
CONTACT_HELP = "the person: their e-mail, their phone (any form) or their contact id (#12)"
EXIT_FOUND = 1


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    gdpr = commands.add_parser(
        "gdpr",
        parents=[common],
        help="the rights of the people in the desk (RODO / GDPR): access, erasure, proof, "
        "retention",
        description="The rights of the contact persons whose data the desk holds.",
    )
    actions = gdpr.add_subparsers(dest="gdpr_command", metavar="ACTION", required=True)
    for add in SUBCOMMANDS:
        add(actions, common)


# ----- export ----------------------------------------------------------------------------------


def add_export(actions: Any, common: argparse.ArgumentParser) -> None:
    export = actions.add_parser(
        "export",
        parents=[common],
        help="everything the desk holds about a person, as JSON and PDF (RODO art. 15)",
        description="Write everything HEZO Desk holds about one contact person (contact data, "
        "registrations, tickets raised, messages written, reseller-access decisions asked "
        "for, audit entries, calls) into a folder, as a JSON file and a readable PDF. The "
        "export is recorded in the audit log. Supervisors and administrators only.",
    )
    export.add_argument("contact", metavar="CONTACT", help=CONTACT_HELP)
    export.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        required=True,
        help="the folder for the two files (created if missing)",
    )
    export.add_argument(
        "--language",
        choices=[language.value for language in Language],
        help="the PDF's language (default: the person's own)",
    )
    export.set_defaults(handler=gdpr_export)


def gdpr_export(context: CommandContext) -> int:
    args = context.args
    folder = Path(args.output).expanduser()
    if folder.exists() and not folder.is_dir():
        raise UserError(QT_TRANSLATE_NOOP("Errors", "%1 is not a folder"), folder)
    db = context.database()
    actor = context.actor()
    language = Language(args.language) if args.language else None
    # Refused before the folder is made: a refusal leaves nothing behind.
    require_role(
        actor, EXPORT_ROLES, QT_TRANSLATE_NOOP("Errors", "export a person's personal data")
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "cannot create the folder %1: %2"), folder, error.strerror
        ) from error
    exported = PersonalDataAccessService(db).export(actor, args.contact, folder, language=language)
    if context.out.as_json:
        context.out.json(
            {
                "contact_id": exported.contact_id,
                "language": exported.language.value,
                "json": str(exported.json_path),
                "pdf": str(exported.pdf_path),
                "counts": dict(exported.counts),
            }
        )
        return 0
    context.out.say(
        QT_TRANSLATE_NOOP("Cli", "contact #%1: %2"), exported.contact_id, exported.full_name
    )
    for name in CATEGORIES:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "  %1: %2"),
            context.out.words(CATEGORY_NAMES.get(name, name)),
            exported.counts[name],
        )
    context.out.line(f"→ {exported.json_path}")
    context.out.line(f"→ {exported.pdf_path}")
    return 0


# ----- erase -----------------------------------------------------------------------------------


def register_erase(gdpr_commands: Any, common: argparse.ArgumentParser) -> None:
    erase = gdpr_commands.add_parser(
        "erase",
        parents=[common],
        help="anonymise a contact everywhere the desk stores them (art. 17)",
        description="Replace the contact's name, e-mail and phone everywhere the desk stores "
        "them (messages, access decisions, audit entries, files, legacy dialogue PDFs, the "
        "full-text index, this computer's drafts) by 'Osoba zanonimizowana n' / 'Anonymised "
        "person n'. Tickets and the rest of the dialogue stay. Refused while the contact has "
        "an open ticket, unless a supervisor gives a reason.",
    )
    erase.add_argument("contact", metavar="CONTACT", help="an e-mail, a phone or a contact id")
    erase.add_argument(
        "--override-reason",
        metavar="TEXT",
        help="a supervisor's reason to erase despite open tickets (recorded in the audit log)",
    )
    erase.set_defaults(handler=gdpr_erase)


def gdpr_erase(context: CommandContext) -> int:
    args = context.args
    db = context.database()
    actor = context.actor()
    service = ErasureService(db, drafts=data_dir(context.environ) / "drafts")
    contact_id = service.resolve(args.contact)
    outcome = service.erase(actor, contact_id, override_reason=args.override_reason)
    if context.out.as_json:
        context.out.json(outcome)
        return 0
    context.out.say(
        QT_TRANSLATE_NOOP("Cli", "contact %1 anonymised as “%2”"), outcome.contact_id, outcome.label
    )
    if outcome.overridden_open_tickets:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "  despite open tickets: %1"),
            ", ".join(outcome.overridden_open_tickets),
        )
    context.out.say(
        # %2: the stores changed (their codes, as the audit entry names them) with counts.
        QT_TRANSLATE_NOOP("Cli", "  %1 ticket(s) touched; changed: %2"),
        outcome.tickets_touched,
        ", ".join(f"{store} {count}" for store, count in outcome.changed.items() if count),
    )
    search = outcome.search
    if search is not None and db.is_sqlite:
        if not search.rewritten:
            context.out.say(
                QT_TRANSLATE_NOOP(
                    "Cli",
                    "  the full-text index could not be rewritten now (another desk was "
                    "writing): the next erasure or retention run rewrites it; `gdpr "
                    "verify-erased` shows what is left",
                )
            )
        elif not search.journal_truncated:
            context.out.say(
                QT_TRANSLATE_NOOP(
                    "Cli",
                    "  the full-text index and the file were rewritten, but another desk still "
                    "reads the journal: run `gdpr verify-erased` again once the other desks "
                    "closed",
                )
            )
        else:
            context.out.say(
                QT_TRANSLATE_NOOP(
                    "Cli", "  the full-text index, the file and its journal were rewritten"
                )
            )
    return 0


# ----- verify-erased ---------------------------------------------------------------------------


def register_verify_erased(gdpr_commands: Any, common: argparse.ArgumentParser) -> None:
    verify = gdpr_commands.add_parser(
        "verify-erased",
        parents=[common],
        help="prove that none of the values is left anywhere (exit 1 and where, if one is)",
        description="Read every text and binary column of every table, the text of every "
        "stored PDF, the full-text indexes, this computer's drafts and, for a local database, "
        "the raw file and its journal, and report where any of the values occurs "
        "(any case; phones in any printed form).",
    )
    verify.add_argument(
        "values", nargs="+", metavar="VALUE", help="a name, an e-mail or a phone the request named"
    )
    verify.set_defaults(handler=gdpr_verify_erased)


def gdpr_verify_erased(context: CommandContext) -> int:
    db = context.database()
    report = verify_erased(db, context.args.values, drafts=data_dir(context.environ) / "drafts")
    if context.out.as_json:
        context.out.json(
            {
                "clean": report.clean,
                "found": [
                    {"where": finding.where, "kinds": list(finding.kinds)}
                    for finding in report.findings
                ],
                "held_by_other_contacts": {
                    "contacts": list(report.others),
                    "found": [
                        {"where": finding.where, "kinds": list(finding.kinds)}
                        for finding in report.held_by_others
                    ],
                },
                "read": {
                    "tables": report.tables,
                    "columns": report.columns,
                    "rows": report.rows,
                    "pdfs": report.pdfs,
                    "raw_bytes": report.raw_bytes,
                    "drafts": report.drafts,
                },
            }
        )
    elif report.clean:
        context.out.say(
            QT_TRANSLATE_NOOP(
                "Cli",
                "none of the values found (%1 tables, %2 rows, %3 PDFs, %4 raw bytes, %5 drafts "
                "read)",
            ),
            report.tables,
            report.rows,
            report.pdfs,
            report.raw_bytes,
            report.drafts,
        )
    else:
        for finding in report.findings:
            context.out.line(f"{finding.where}: {', '.join(finding.kinds)}")
    if report.others and not context.out.as_json:
        context.out.say(
            QT_TRANSLATE_NOOP(
                "Cli", "held by other contacts too (%1), theirs and kept: %2 place(s)"
            ),
            ", ".join(f"#{c}" for c in report.others),
            len(report.held_by_others),
        )
        for finding in report.held_by_others:
            context.out.line(f"  {finding.where}: {', '.join(finding.kinds)}")
    return 0 if report.clean else EXIT_FOUND


# ----- retention -------------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def register_retention(gdpr_commands: Any, common: argparse.ArgumentParser) -> None:
    retention = gdpr_commands.add_parser(
        "retention",
        parents=[common],
        help="anonymise the contacts of tickets all closed before a date (a supervisor)",
        description="Anonymise the contacts whose tickets were all closed before DATE and who "
        "did nothing since (no ticket, message, registration or access decision). Run with "
        "--dry-run first to see who would be anonymised.",
    )
    retention.add_argument(
        "--closed-before", required=True, type=_date, metavar="DATE", help="YYYY-MM-DD"
    )
    retention.add_argument(
        "--dry-run", action="store_true", help="only report who would be anonymised"
    )
    retention.set_defaults(handler=gdpr_retention)


def gdpr_retention(context: CommandContext) -> int:
    args = context.args
    db = context.database()
    actor = context.actor()
    report = RetentionService(db).run(actor, args.closed_before, dry_run=args.dry_run)
    if context.out.as_json:
        context.out.json(report)
        return 0
    due = len(report.candidates)
    if report.dry_run:
        context.out.say_heading(
            QT_TRANSLATE_NOOP(
                "Cli", "%1 contact(s) would be anonymised (tickets all closed before %2)"
            ),
            due,
            args.closed_before.isoformat(),
        )
    else:
        context.out.say_heading(
            QT_TRANSLATE_NOOP("Cli", "%1 of %2 contact(s) anonymised"), len(report.anonymised), due
        )
    context.out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "contact"),
            QT_TRANSLATE_NOOP("Cli", "company"),
            QT_TRANSLATE_NOOP("Cli", "tickets"),
            QT_TRANSLATE_NOOP("Cli", "last change"),
        ],
        [(c.contact_id, c.customer_name, c.tickets, c.last_change) for c in report.candidates],
    )
    for contact_id, why in report.skipped:
        context.out.say(QT_TRANSLATE_NOOP("Cli", "  contact %1 skipped: %2"), contact_id, why)
    return 0


SUBCOMMANDS: tuple[Callable[[Any, argparse.ArgumentParser], None], ...] = (
    add_export,
    register_erase,
    register_verify_erased,
    register_retention,
)
