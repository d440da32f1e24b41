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
from hezo_desk.cli.output import Output
from hezo_desk.services.audit_chain import ChainCheck, ChainProblem, verify_chain

EXIT_BROKEN = 1

# How each problem is told, with the entry's id.
_PROBLEMS = {
    ChainProblem.ALTERED: QT_TRANSLATE_NOOP(
        "Cli",
        "entry %1 was changed after it was written (its content no longer gives its hash)",
    ),
    ChainProblem.UNLINKED: QT_TRANSLATE_NOOP(
        "Cli",
        "entry %1 does not follow the entry before it: an entry before it was removed, or it "
        "was inserted or moved",
    ),
    ChainProblem.UNCHAINED: QT_TRANSLATE_NOOP(
        "Cli", "entry %1 has no hash: it was written outside the desk"
    ),
    ChainProblem.HEAD_MISSING: QT_TRANSLATE_NOOP(
        "Cli",
        "the log no longer holds the head %2: entries were removed from its end, or the chain "
        "was rewritten",
    ),
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
        context.out.line(_words(context.out, check, args.head))
        if args.print_head and check.intact:
            context.out.say(
                QT_TRANSLATE_NOOP("Cli", "head %1 (entry %2)"),
                check.head_hash or "-",
                check.head_id or "-",
            )
    return 0 if check.intact else EXIT_BROKEN


def _words(out: Output, check: ChainCheck, head: str | None) -> str:
    entries = _entries(out, check.entries)
    if check.problem is None:
        return out.words(QT_TRANSLATE_NOOP("Cli", "audit log intact, %1"), entries)
    problem = out.words(_PROBLEMS[check.problem], check.broken_id, head)
    if check.broken_id is None:
        return out.words(
            QT_TRANSLATE_NOOP("Cli", "audit log BROKEN: %1 (%2 fit the chain)"), problem, entries
        )
    if check.entries == 0:
        return out.words(
            QT_TRANSLATE_NOOP("Cli", "audit log BROKEN: %1 (it is the first entry)"), problem
        )
    return out.words(
        QT_TRANSLATE_NOOP("Cli", "audit log BROKEN: %1 (the %2 before it fit the chain)"),
        problem,
        entries,
    )


def _entries(out: Output, count: int) -> str:
    if count == 1:
        return out.words(QT_TRANSLATE_NOOP("Cli", "1 entry"))
    return out.words(QT_TRANSLATE_NOOP("Cli", "%1 entries"), count)
