"""`hezo-desk export-pdf NUMBER...`: case dialogues as PDF files, each export audited."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext
from hezo_desk.cli.output import neutralised
from hezo_desk.errors import UserError
from hezo_desk.services.pdf.batch import export_batch
from hezo_desk.services.pdf.document import Variant
from hezo_desk.services.pdf.export import ExportedFile, PdfExportService
from hezo_desk.services.tickets import TicketService

EXIT_REFUSED = 2


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export-pdf",
        parents=[common],
        help="export case dialogues as PDF",
        description="Export case dialogues as PDF: one file per case, or one combined file. "
        "Every export is recorded in the audit log under the acting agent.",
    )
    export.add_argument(
        "numbers",
        nargs="+",
        metavar="NUMBER",
        help="case numbers: HD-000123, 'hd 123' or a legacy number",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE_OR_DIR",
        help="a file (one case, or --combined) or a folder (default: the current folder; "
        "a missing folder is created for several cases)",
    )
    export.add_argument(
        "--variant",
        choices=[v.value for v in Variant],
        default=Variant.CUSTOMER.value,
        help="customer: without internal notes (default); internal: everything, internal "
        "notes marked; reseller: only what the customer allowed its reseller to see",
    )
    export.add_argument(
        "--combined", action="store_true", help="all cases in one PDF file, one after another"
    )
    export.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes rendering at once for several cases (default: one per core)",
    )
    export.set_defaults(handler=export_pdf)


def export_pdf(context: CommandContext) -> int:
    args = context.args
    variant = Variant(args.variant)
    if args.workers is not None and args.workers < 1:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "--workers must be at least 1"))
    db = context.database()
    actor = context.actor()
    tickets = TicketService(db)
    ids = list(dict.fromkeys(tickets.find_id(number) for number in args.numbers))
    output = Path(args.output).expanduser() if args.output else Path.cwd()

    if len(ids) == 1 and not args.combined:
        if output.suffix.lower() != ".pdf" and not output.exists():
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors", "%1 does not exist; give an existing folder or a .pdf file"
                ),
                output,
            )
        exported = PdfExportService(db).export_to_file(actor, ids[0], variant, output)
        _report(context, [exported], [])
        return 0

    if not args.combined and output.suffix.lower() == ".pdf" and not output.is_dir():
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors",
                "%1 is a file name, but %2 cases make %2 files: give a folder, or add --combined "
                "for one file",
            ),
            output,
            len(ids),
        )
    result = export_batch(
        db, actor, ids, variant, output, combined=args.combined, workers=args.workers
    )
    refused = [case.reason for case in result.refused]
    _report(context, list(result.files), refused)
    return EXIT_REFUSED if refused else 0


def _report(context: CommandContext, files: list[ExportedFile], refused: list[str]) -> None:
    for reason in refused:
        sys.stderr.write(f"hezo-desk: {neutralised(reason)}\n")
    if context.out.as_json:
        context.out.json(
            {
                "exported": [
                    {
                        "ticket_id": f.ticket_id,
                        "number": f.number,
                        "variant": f.variant.value,
                        "path": str(f.path),
                        "bytes": f.size,
                        "sha256": f.sha256,
                    }
                    for f in files
                ],
                "refused": refused,
            }
        )
        return
    for exported in files:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "%1 (%2 copy) → %3"),
            exported.number,
            exported.variant.value,
            exported.path,
        )
