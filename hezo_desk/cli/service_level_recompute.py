"""`hezo-desk service-level recompute NAME`: a level's open tickets get their dues anew.

After a supervisor changed a level's targets, tickets already open keep the targets they were
opened under until someone chooses to recompute: this copies the level's targets into every
open ticket on it again and recomputes their dues, a chunk at a time, each ticket whose dues
moved explained in its history. Closed and cancelled tickets keep theirs.

`register_recompute(actions, common)` adds the action to the `service-level` parser of
`service_level_commands`.
"""

from __future__ import annotations

import argparse
from typing import Any

from hezo_desk.cli.context import CommandContext
from hezo_desk.services.service_levels.dues import recompute_level
from hezo_desk.wording import recomputed_text


def register_recompute(actions: Any, common: argparse.ArgumentParser) -> None:
    recompute = actions.add_parser(
        "recompute",
        parents=[common],
        help="copy a level's targets into its open tickets again and recompute their dues "
        "(supervisors, after changing the level)",
    )
    recompute.add_argument("name", help="the service level's name, e.g. 8x5")
    recompute.set_defaults(handler=recompute_command)


def recompute_command(context: CommandContext) -> int:
    outcome = recompute_level(context.database(), context.actor(), context.args.name)
    if context.out.as_json:
        context.out.json(
            {"level": outcome.level, "tickets": outcome.tickets, "changed": outcome.changed}
        )
    else:
        context.out.line(
            recomputed_text(outcome.level, outcome.tickets, outcome.changed, context.out.translate)
        )
    return 0
