"""After a load run: was anything the agents were told is saved lost, or anything saved twice?

`verify` checks the database against the agents' reports (tests/support/loadtest.py):

- every acknowledged reply and note is there exactly once (by its client key and by its
  text), and no unsure one (a fault cut its answer off) is there twice;
- every ticket ends in the state and reseller access of its last acknowledged change, or of
  an unsure change based on that version or later (which may have landed);
- per agent login and action, the audit log holds at least the writes the agents certainly
  made and at most those plus the unsure ones.

A shortfall counts as lost, an excess as doubled; each finding is also worded in `problems`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hezo_desk.db import Database
from hezo_desk.models import Agent, AuditEntry, Message, Ticket

from .loadtest import LoadResult

T = TypeVar("T")


@dataclass(frozen=True)
class Verdict:
    acknowledged: int
    unsure: int  # writes whose outcome the agents could not know
    lost: int
    doubled: int
    problems: list[str]


def verify(db: Database, result: LoadResult, *, audit_since_id: int) -> Verdict:
    """Everything the agents were told is saved is in the database exactly once."""
    lost: list[str] = []
    doubled: list[str] = []
    with db.sessions() as session:
        _check_messages(session, result, lost, doubled)
        _check_final_values(session, result, lost)
        audited = Counter(
            (action, login)
            for action, login in session.execute(
                select(AuditEntry.action, Agent.login)
                .join(Agent, Agent.id == AuditEntry.agent_id)
                .where(AuditEntry.id > audit_since_id)
            )
        )
    # Several agent processes may share one login: compare per login, summed.
    certain: Counter[tuple[str, str]] = Counter()
    unsure: Counter[tuple[str, str]] = Counter()
    for report in result.reports:
        for action, count in report.written.items():
            certain[(action, report.login)] += count
        for action, count in report.unsure.items():
            unsure[(action, report.login)] += count
    for action, login in sorted(set(certain) | set(unsure)):
        found, at_least = audited[(action, login)], certain[(action, login)]
        at_most = at_least + unsure[(action, login)]
        if found < at_least:
            lost.append(f"{login}: {at_least} acknowledged {action}, {found} in the audit log")
        elif found > at_most:
            doubled.append(
                f"{login}: {at_least} acknowledged {action} and {at_most - at_least} unsure, "
                f"{found} in the audit log"
            )
    return Verdict(
        acknowledged=sum(report.acknowledged for report in result.reports),
        unsure=sum(sum(report.unsure.values()) for report in result.reports),
        lost=len(lost),
        doubled=len(doubled),
        problems=lost + doubled,
    )


def _check_messages(
    session: Session, result: LoadResult, lost: list[str], doubled: list[str]
) -> None:
    acknowledged = [m for report in result.reports for m in (*report.replies, *report.notes)]
    unsure = [m for report in result.reports for m in report.unsure_messages]
    keys = [key for _ticket, key, _body in acknowledged + unsure]
    bodies = [body for _ticket, _key, body in acknowledged + unsure]
    # By text as well as by key: the key is unique in the schema, the text says whether the
    # same message was written twice whatever the key.
    on_ticket: dict[str, int] = {}
    copies: Counter[str] = Counter()
    for chunk in _chunks(keys):
        for key, ticket_id in session.execute(
            select(Message.client_key, Message.ticket_id).where(Message.client_key.in_(chunk))
        ):
            on_ticket[str(key)] = ticket_id
    for chunk in _chunks(bodies):
        for body, count in session.execute(
            select(Message.body, func.count(Message.id))
            .where(Message.body.in_(chunk))
            .group_by(Message.body)
        ):
            copies[body] += count
    for ticket_id, key, body in acknowledged:
        if copies[body] == 0 or on_ticket.get(key) != ticket_id:
            lost.append(f"acknowledged message {key} on ticket {ticket_id} is missing")
    for ticket_id, key, body in acknowledged + unsure:
        if copies[body] > 1:
            doubled.append(f"message {key} on ticket {ticket_id} stored {copies[body]} times")


def _check_final_values(session: Session, result: LoadResult, lost: list[str]) -> None:
    last: dict[tuple[str, int], tuple[int, str | bool]] = {}
    for report in result.reports:
        changes: list[tuple[str, int, int, str | bool]] = [
            ("state", t, v, value) for t, v, value in report.states
        ]
        changes += [("access", t, v, granted) for t, v, granted in report.accesses]
        for kind, ticket_id, version, value in changes:
            if version > last.get((kind, ticket_id), (0, ""))[0]:
                last[(kind, ticket_id)] = (version, value)
    maybe: defaultdict[tuple[str, int], list[tuple[int, str | bool]]] = defaultdict(list)
    for report in result.reports:
        for kind, ticket_id, based_on, maybe_value in report.unsure_changes:
            maybe[(kind, ticket_id)].append((based_on, maybe_value))
    finals: dict[tuple[str, int], str | bool] = {}
    for chunk in _chunks(sorted({ticket_id for _kind, ticket_id in last})):
        for ticket_id, state, access in session.execute(
            select(Ticket.id, Ticket.state, Ticket.reseller_access).where(Ticket.id.in_(chunk))
        ):
            finals[("state", ticket_id)] = state.value
            finals[("access", ticket_id)] = access
    for (kind, ticket_id), (version, value) in sorted(last.items()):
        final = finals[(kind, ticket_id)]
        # An unsure change based on this version or a later one may have landed after it.
        if final == value or any(
            based_on >= version and unsure == final for based_on, unsure in maybe[(kind, ticket_id)]
        ):
            continue
        lost.append(
            f"ticket {ticket_id} ends with {kind} {final}, the last acknowledged change "
            f"(version {version}) set {value}"
        )


def _chunks(values: Sequence[T], size: int = 5000) -> Iterator[Sequence[T]]:
    # Bounded IN lists: a long run acknowledges tens of thousands of writes.
    for start in range(0, len(values), size):
        yield values[start : start + size]
