"""Service levels from the command line (supervisors), and a service's level (back office).

    hezo-desk service-level list [--json]
    hezo-desk service-level show NAME
    hezo-desk service-level add NAME --calendar 24x7|business-hours [--response P=T ...]
    hezo-desk service-level set NAME [--name NEW] [--calendar C] [--response P=T ...]
    hezo-desk service-level remove NAME
    hezo-desk service set-level NOTATION_OR_SERIAL LEVEL

A target T is minutes, `nbd` (by 16:00 of the next business day) or `none`; P a priority.
"""

from __future__ import annotations

import argparse
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext
from hezo_desk.cli.failures import retrying
from hezo_desk.cli.output import Output
from hezo_desk.cli.service_level_recompute import register_recompute
from hezo_desk.enums import Priority
from hezo_desk.errors import LevelProblem, ServiceLevelRefusedError
from hezo_desk.placeholders import fill
from hezo_desk.services.service_levels.levels import NextBusinessDay, Target
from hezo_desk.services.service_levels.store import (
    LevelChange,
    LevelRow,
    ServiceLevelRow,
    ServiceLevelStore,
    parse_calendar,
    parse_priority,
    parse_target,
    target_text,
)
from hezo_desk.wording import SERVICE_LEVELS, TARGETS_CHANGED

# The command that moves open tickets onto a level's new targets (branch sla-core).
RECOMPUTE_COMMAND = "hezo-desk service-level recompute"
_TARGET_HELP = (
    "PRIORITY=MINUTES, PRIORITY=nbd (by 16:00 of the next business day) or PRIORITY=none; "
    "repeat for each priority (critical, high, normal, low)"
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    level = commands.add_parser(
        "service-level", help="service levels and their targets", parents=[common]
    )
    actions = level.add_subparsers(dest="level_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="every level with its targets")
    listing.set_defaults(handler=level_list)
    show = actions.add_parser("show", parents=[common], help="one level and its targets")
    show.add_argument("name")
    show.set_defaults(handler=level_show)
    add = actions.add_parser("add", parents=[common], help="add a level (supervisors)")
    add.add_argument("name")
    add.add_argument("--calendar", required=True, help="24x7 or business-hours")
    _target_options(add)
    add.set_defaults(handler=level_add)
    change = actions.add_parser(
        "set", parents=[common], help="rename a level, change its calendar or targets"
    )
    change.add_argument("name")
    change.add_argument("--name", dest="new_name", metavar="NEW", help="its new name")
    change.add_argument("--calendar", help="24x7 or business-hours")
    _target_options(change)
    change.set_defaults(handler=level_set)
    remove = actions.add_parser(
        "remove", parents=[common], help="remove a level no service uses (not a built-in one)"
    )
    remove.add_argument("name")
    remove.set_defaults(handler=level_remove)
    register_recompute(actions, common)

    service = commands.add_parser("service", help="services (contract lines)", parents=[common])
    service_actions = service.add_subparsers(
        dest="service_command", metavar="ACTION", required=True
    )
    set_level = service_actions.add_parser(
        "set-level", parents=[common], help="serve a service on another level (back office)"
    )
    set_level.add_argument("service", metavar="NOTATION_OR_SERIAL", help="e.g. (H2)-FG100E…")
    set_level.add_argument("level", metavar="LEVEL")
    set_level.set_defaults(handler=service_set_level)


def _target_options(parser: argparse.ArgumentParser) -> None:
    for kind in ("response", "resolution"):
        parser.add_argument(
            f"--{kind}", action="append", default=[], metavar="PRIORITY=TARGET", help=_TARGET_HELP
        )


def level_list(context: CommandContext) -> int:
    db = context.database()
    levels = retrying(lambda: ServiceLevelStore(db).levels())
    if context.out.as_json:
        context.out.json({"levels": [_plain(level) for level in levels]})
        return 0
    order = _priorities()
    context.out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "name"),
            QT_TRANSLATE_NOOP("Cli", "calendar"),
            QT_TRANSLATE_NOOP("Cli", "built-in"),
            QT_TRANSLATE_NOOP("Cli", "services"),
            # The targets of the priorities critical / high / normal / low.
            QT_TRANSLATE_NOOP("Cli", "response c/h/n/l"),
            QT_TRANSLATE_NOOP("Cli", "resolution c/h/n/l"),
        ],
        [
            [
                level.name,
                level.calendar,
                level.built_in,
                level.services,
                " / ".join(_shown(level.response[p]) for p in order),
                " / ".join(_shown(level.resolution[p]) for p in order),
            ]
            for level in levels
        ],
    )
    return 0


def level_show(context: CommandContext) -> int:
    db = context.database()
    level = retrying(lambda: ServiceLevelStore(db).level(context.args.name))
    _print_level(context, level)
    return 0


def level_add(context: CommandContext) -> int:
    args = context.args
    calendar = parse_calendar(args.calendar)
    response, resolution = _targets(args.response), _targets(args.resolution)
    actor = context.actor()
    level = ServiceLevelStore(context.database()).add(
        actor, name=args.name, calendar=calendar, response=response, resolution=resolution
    )
    _print_level(context, level)
    return 0


def level_set(context: CommandContext) -> int:
    args = context.args
    change = LevelChange(
        name=args.new_name,
        calendar=parse_calendar(args.calendar) if args.calendar is not None else None,
        response=_targets(args.response),
        resolution=_targets(args.resolution),
    )
    actor = context.actor()
    store = ServiceLevelStore(context.database())
    current = store.level(args.name)
    saved = store.change(actor, current.name, current.version, change)
    _print_level(context, saved.level)
    if saved.targets_changed and not context.out.as_json:
        context.out.line()
        context.out.line(_targets_changed(context.out, f"{RECOMPUTE_COMMAND} …"))
    return 0


def level_remove(context: CommandContext) -> int:
    actor = context.actor()
    store = ServiceLevelStore(context.database())
    name = store.level(context.args.name).name
    store.remove(actor, name)
    if context.out.as_json:
        context.out.json({"removed": name})
    else:
        context.out.say(QT_TRANSLATE_NOOP("Cli", "service level %1 removed"), name)
    return 0


def service_set_level(context: CommandContext) -> int:
    actor = context.actor()
    row = ServiceLevelStore(context.database()).set_service_level(
        actor, context.args.service, context.args.level
    )
    if context.out.as_json:
        context.out.json(_plain_service(row))
    else:
        context.out.say(
            QT_TRANSLATE_NOOP("Cli", "%1 (%2, contract %3): service level %4"),
            row.notation,
            row.product,
            row.contract_number,
            row.level_name,
        )
        context.out.line(_targets_changed(context.out, RECOMPUTE_COMMAND))
    return 0


# ----- inside ------------------------------------------------------------------------------


def _targets(given: list[str]) -> dict[Priority, Target]:
    """`critical=60`, `high=nbd`, `low=none` → targets per priority (the last one given wins)."""
    targets: dict[Priority, Target] = {}
    for text in given:
        priority, equals, target = text.partition("=")
        if not equals:
            raise ServiceLevelRefusedError(LevelProblem.TARGET_UNREADABLE, text)
        targets[parse_priority(priority)] = parse_target(target)
    return targets


def _priorities() -> list[Priority]:
    return [Priority.CRITICAL, Priority.HIGH, Priority.NORMAL, Priority.LOW]


def _shown(target: Target) -> str:
    """Minutes as h:mm, the next business day as `nbd`, no target as `-`."""
    if isinstance(target, NextBusinessDay):
        return "nbd"
    if target is None:
        return "-"
    hours, minutes = divmod(target, 60)
    return f"{hours}:{minutes:02d}"


def _in_words(out: Output, target: Target) -> str:
    if isinstance(target, int):
        return out.words(QT_TRANSLATE_NOOP("Cli", "%1 min (%2)"), target, _shown(target))
    if target is None:
        return out.words(QT_TRANSLATE_NOOP("Cli", "none"))
    return out.words(QT_TRANSLATE_NOOP("Cli", "next business day, 16:00"))


def _targets_changed(out: Output, command: str) -> str:
    """What a change of targets means for tickets, in the command's language."""
    return fill(out.translate(SERVICE_LEVELS, TARGETS_CHANGED), command)


def _plain(level: LevelRow) -> dict[str, Any]:
    return {
        "name": level.name,
        "calendar": level.calendar.value,
        "built_in": level.rule_key,
        "services": level.services,
        "version": level.version,
        "response": {p.value: target_text(level.response[p]) for p in _priorities()},
        "resolution": {p.value: target_text(level.resolution[p]) for p in _priorities()},
    }


def _plain_service(row: ServiceLevelRow) -> dict[str, Any]:
    return {
        "notation": row.notation,
        "product": row.product,
        "contract": row.contract_number,
        "customer": row.customer_name,
        "level": row.level_name,
    }


def _print_level(context: CommandContext, level: LevelRow) -> None:
    if context.out.as_json:
        context.out.json(_plain(level))
        return
    out = context.out
    out.say_heading(QT_TRANSLATE_NOOP("Cli", "service level %1"), level.name)
    out.say(QT_TRANSLATE_NOOP("Cli", "calendar: %1"), level.calendar)
    # The built-in level's key (8x5, nbd, …), or "no".
    out.say(QT_TRANSLATE_NOOP("Cli", "built-in: %1"), level.rule_key or False)
    out.say(QT_TRANSLATE_NOOP("Cli", "services on it: %1"), level.services)
    out.table(
        [
            QT_TRANSLATE_NOOP("Cli", "priority"),
            QT_TRANSLATE_NOOP("Cli", "response"),
            QT_TRANSLATE_NOOP("Cli", "resolution"),
        ],
        [
            [
                p,
                _in_words(out, level.response[p]),
                _in_words(out, level.resolution[p]),
            ]
            for p in _priorities()
        ],
    )
