"""`hezo-desk audit verify`: whether the audit log's hash chain still holds.

Exit 0 when every entry fits the chain (and the log still holds `--head`, if given); exit 1
naming the first entry that does not. `--print-head` prints the last hash, to keep somewhere
else: a SQLite file can be rewritten whole, hashes included, and only a head kept elsewhere
shows that (see the README).
"""

from __future__ import annotations

import argparse
from typing import Any

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.cli.context import CommandContext
from hezo_desk.services.audit_chain import ChainCheck, ChainProblem, verify_chain

EXIT_BROKEN = 1

# How each problem is told, with the entry's id.
_PROBLEMS = {
    ChainProblem.ALTERED: "entry {id} was changed after it was written (its content no "
    "longer gives its hash)",
    ChainProblem.UNLINKED: "entry {id} does not follow the entry before it: an entry before "
    "it was removed, or it was inserted or moved",
    ChainProblem.UNCHAINED: "entry {id} has no hash: it was written outside the desk",
    ChainProblem.HEAD_MISSING: "the log no longer holds the head {head}: entries were removed "
    "from its end, or the chain was rewritten",
}


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    audit = commands.add_parser("audit", help="the audit log", parents=[common])
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        parents=[common],
        help="check the audit log's hash chain: exit 0 intact, 1 naming the first broken entry",
    )
    verify.add_argument(
        "--print-head",
        action="store_true",
        help="also print the last hash (keep it elsewhere: a later --head shows a rewrite)",
    )
    verify.add_argument(
        "--head",
        metavar="HASH",
        help="a head printed earlier: the log must still hold it",
    )
    verify.set_defaults(handler=audit_verify)


def audit_verify(context: CommandContext) -> int:
    args = context.args
    check = verify_chain(context.database(), expected_head=args.head)
    if context.out.as_json:
        context.out.json(
            {
                "intact": check.intact,
                "entries": check.entries,
                "head": check.head_hash,
                "head_id": check.head_id,
                "problem": check.problem,
                "broken_id": check.broken_id,
            }
        )
    else:
        context.out.line(_words(check, args.head))
        if args.print_head and check.intact:
            context.out.say(
                QT_TRANSLATE_NOOP("Cli", "head %1 (entry %2)"),
                check.head_hash or "-",
                check.head_id or "-",
            )
    return 0 if check.intact else EXIT_BROKEN


def _words(check: ChainCheck, head: str | None) -> str:
    if check.problem is None:
        return f"audit log intact, {_entries(check.entries)}"
    problem = _PROBLEMS[check.problem].format(id=check.broken_id, head=head)
    if check.broken_id is None:
        return f"audit log BROKEN: {problem} ({_entries(check.entries)} fit the chain)"
    if check.entries == 0:
        return f"audit log BROKEN: {problem} (it is the first entry)"
    return f"audit log BROKEN: {problem} (the {_entries(check.entries)} before it fit the chain)"


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"
