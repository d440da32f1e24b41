"""`hezo-desk template …`: list, add, edit and remove reply templates.

`hezo-desk ticket reply NUMBER --template NAME` (in `ticket_commands`) answers with one.
"""

from __future__ import annotations

import argparse
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext, read_text_argument
from hezo_desk.enums import Language
from hezo_desk.errors import UserError
from hezo_desk.local_time import local_minute
from hezo_desk.services.reply_templates import ReplyTemplateService

LANGUAGES = [language.value for language in Language]
# What --body-file gives, told by code (a refusal names it).
_TEXT = QT_TRANSLATE_NOOP("Errors", "the template text")


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    template = commands.add_parser(
        "template", help="reply templates (supervisors manage them)", parents=[common]
    )
    actions = template.add_subparsers(dest="template_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common], help="the reply templates")
    listing.add_argument("--language", choices=LANGUAGES, help="only those in this language")
    listing.add_argument("--filter", metavar="TEXT", default="", help="words of name or text")
    listing.set_defaults(handler=template_list)

    adding = actions.add_parser("add", parents=[common], help="add a template (supervisors)")
    adding.add_argument("name")
    adding.add_argument("--language", choices=LANGUAGES, required=True)
    adding.add_argument(
        "--body-file", metavar="FILE", required=True, help="the text with placeholders (- = stdin)"
    )
    adding.set_defaults(handler=template_add)

    editing = actions.add_parser("edit", parents=[common], help="change a template (supervisors)")
    editing.add_argument("name")
    editing.add_argument(
        "--language", choices=LANGUAGES, help="which one, where both languages have the name"
    )
    editing.add_argument("--name", dest="new_name", metavar="NEW", help="a new name")
    editing.add_argument("--new-language", choices=LANGUAGES, help="move it to this language")
    editing.add_argument("--body-file", metavar="FILE", help="a new text (- = stdin)")
    editing.set_defaults(handler=template_edit)

    removing = actions.add_parser(
        "remove", parents=[common], help="remove a template (supervisors)"
    )
    removing.add_argument("name")
    removing.add_argument(
        "--language", choices=LANGUAGES, help="which one, where both languages have the name"
    )
    removing.set_defaults(handler=template_remove)


def _language(value: str | None) -> Language | None:
    return Language(value) if value else None


def template_list(context: CommandContext) -> int:
    args = context.args
    rows = ReplyTemplateService(context.database()).templates(
        args.filter, language=_language(args.language)
    )
    out = context.out
    if out.as_json:
        out.json(rows)
        return 0
    out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "name"),
            QT_TRANSLATE_NOOP("Cli", "language"),
            QT_TRANSLATE_NOOP("Cli", "first line"),
            QT_TRANSLATE_NOOP("Cli", "changed"),
            QT_TRANSLATE_NOOP("Cli", "by"),
        ],
        [
            [
                row.name,
                row.language,
                row.body.splitlines()[0] if row.body else "",
                local_minute(row.updated_at),
                row.updated_by or "",
            ]
            for row in rows
        ],
    )
    return 0


def template_add(context: CommandContext) -> int:
    args = context.args
    body = read_text_argument(None, args.body_file, _TEXT)
    db = context.database()
    actor = context.actor()
    row = ReplyTemplateService(db).add(actor, args.name, Language(args.language), body)
    if context.out.as_json:
        context.out.json(row)
    else:
        context.out.say(QT_TRANSLATE_NOOP("Cli", "template added: %1 (%2)"), row.name, row.language)
    return 0


def template_edit(context: CommandContext) -> int:
    args = context.args
    if args.new_name is None and args.new_language is None and args.body_file is None:
        raise UserError(
            QT_TRANSLATE_NOOP(
                "Errors", "nothing to change: give --name, --new-language or --body-file"
            )
        )
    body = read_text_argument(None, args.body_file, _TEXT) if args.body_file is not None else None
    db = context.database()
    actor = context.actor()
    service = ReplyTemplateService(db)
    found = service.find(args.name, _language(args.language))
    row = service.edit(
        actor,
        found.id,
        name=args.new_name,
        language=_language(args.new_language),
        body=body,
        expected_version=found.version,
    )
    if context.out.as_json:
        context.out.json(row)
    else:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "template changed: %1 (%2)"), row.name, row.language
        )
    return 0


def template_remove(context: CommandContext) -> int:
    args = context.args
    db = context.database()
    actor = context.actor()
    service = ReplyTemplateService(db)
    found = service.find(args.name, _language(args.language))
    service.remove(actor, found.id, expected_version=found.version)
    if context.out.as_json:
        context.out.json({"removed": found.name, "language": found.language.value})
    else:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "template removed: %1 (%2)"), found.name, found.language
        )
    return 0
