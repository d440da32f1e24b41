"""`hezo-desk gdpr …`: the rights of the people whose data the desk holds (RODO).

One `gdpr` group; each right is a subcommand added by its own `add_*` function below, listed
in `SUBCOMMANDS` (further rights join by adding theirs there).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hezo_desk.cli.context import CommandContext
from hezo_desk.enums import Language
from hezo_desk.errors import UserError
from hezo_desk.services.actor import require_role
from hezo_desk.services.personal_data.access import (
    CATEGORIES,
    EXPORT_ROLES,
    PersonalDataAccessService,
)

CONTACT_HELP = "the person: their e-mail, their phone (any form) or their contact id (#12)"


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


SUBCOMMANDS: tuple[Callable[[Any, argparse.ArgumentParser], None], ...] = (add_export,)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    gdpr = commands.add_parser(
        "gdpr",
        parents=[common],
        help="the rights of the people in the desk (RODO / GDPR)",
        description="The rights of the contact persons whose data the desk holds.",
    )
    actions = gdpr.add_subparsers(dest="gdpr_command", metavar="ACTION", required=True)
    for add in SUBCOMMANDS:
        add(actions, common)


def gdpr_export(context: CommandContext) -> int:
    args = context.args
    folder = Path(args.output).expanduser()
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is not a folder")
    db = context.database()
    actor = context.actor()
    language = Language(args.language) if args.language else None
    # Refused before the folder is made: a refusal leaves nothing behind.
    require_role(actor, EXPORT_ROLES, "export a person's personal data")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"cannot create the folder {folder}: {error.strerror}") from error
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
    context.out.line(f"contact #{exported.contact_id}: {exported.full_name}")
    for name in CATEGORIES:
        context.out.line(f"  {name.replace('_', ' ')}: {exported.counts[name]}")
    context.out.line(f"→ {exported.json_path}")
    context.out.line(f"→ {exported.pdf_path}")
    return 0
