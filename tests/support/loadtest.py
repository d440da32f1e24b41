"""Many agents on one database at once, then proof that nothing was lost or applied twice.

Each simulated agent is a process of its own with its own connections. It runs a mix of caller
lookups, replies, state changes and reseller-access changes for a bounded time and reports
every operation the database acknowledged. `verify` then checks the database against those
acknowledgements: every acknowledged reply is there exactly once, every ticket ends in the
state of its last acknowledged change, and the audit log holds one entry per acknowledged
change. Used by the test suite (short) and by `benchmarks/bench_load.py` (long).
"""

from __future__ import annotations

import multiprocessing
import random
import statistics
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import func, select

from hezo_desk.db import Database
from hezo_desk.enums import Channel, TicketState
from hezo_desk.errors import ConflictError
from hezo_desk.models import Agent, AuditEntry, Customer, Message, Ticket
from hezo_desk.services.access import AccessRequest, ResellerAccessService
from hezo_desk.services.agents import AgentService
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.change_feed import ChangeFeed
from hezo_desk.services.lookup import LookupService
from hezo_desk.services.resilience import retry
from hezo_desk.services.tickets import TicketChange, TicketService

OPERATIONS = ("lookup", "reply", "state", "access")
WEIGHTS = (4, 3, 2, 1)
OPEN_STATES = (TicketState.NEW, TicketState.IN_PROGRESS, TicketState.WAITING_FOR_CUSTOMER)


@dataclass
class AgentReport:
    login: str
    replies: list[tuple[int, str, str]] = field(default_factory=list)  # ticket, key, body
    # ticket, version after, state / access value
    states: list[tuple[int, int, str]] = field(default_factory=list)
    accesses: list[tuple[int, int, bool]] = field(default_factory=list)
    conflicts: int = 0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))


@dataclass(frozen=True)
class LoadResult:
    agents: int
    seconds: float
    operations: int
    conflicts: int
    latency_ms: dict[str, tuple[float, float, float]]  # operation → p50, p95, p99
    reports: list[AgentReport]

    @property
    def per_second(self) -> float:
        return self.operations / self.seconds if self.seconds else 0.0


def pick_workload(db: Database, tickets: int, seed: int) -> tuple[list[int], list[str]]:
    """Open tickets the agents will work on, and tax ids they will look up."""
    with db.sessions() as session:
        ids = list(
            session.scalars(
                select(Ticket.id)
                .where(Ticket.state.in_(OPEN_STATES), Ticket.contract_id.is_not(None))
                .order_by(Ticket.id)
                .limit(tickets * 5)
            )
        )
        tax_ids = list(session.scalars(select(Customer.tax_id).order_by(Customer.id).limit(200)))
    random.Random(seed).shuffle(ids)
    return ids[:tickets], tax_ids


def agent_process(
    url: str,
    login: str,
    seed: int,
    seconds: float | None,
    ticket_ids: Sequence[int],
    tax_ids: Sequence[str],
    operations: int | None = None,
) -> AgentReport:
    """One agent's session, for `seconds` or `operations` (whichever ends first); runs in a
    process of its own."""
    db = Database(url)
    rng = random.Random(seed)
    actor = AgentService(db).resolve(login)
    tickets, lookup, access = TicketService(db), LookupService(db), ResellerAccessService(db)
    report = AgentReport(login)
    deadline = None if seconds is None else time.monotonic() + seconds
    done = 0
    try:
        while (operations is None or done < operations) and (
            deadline is None or time.monotonic() < deadline
        ):
            done += 1
            operation = rng.choices(OPERATIONS, WEIGHTS)[0]
            ticket_id = rng.choice(ticket_ids)
            started = time.perf_counter()
            try:
                if operation == "lookup":
                    lookup.lookup(rng.choice(tax_ids))
                elif operation == "reply":
                    key = uuid.uuid4().hex
                    body = f"{login}: odpowiedź {key[:8]}"
                    retry(partial(tickets.reply, actor, ticket_id, body, client_key=key))
                    report.replies.append((ticket_id, key, body))
                elif operation == "state":
                    row = tickets.row(ticket_id)
                    target = rng.choice([s for s in OPEN_STATES if s is not row.state])
                    outcome = tickets.apply_change(
                        actor, ticket_id, TicketChange(state=target), expected_version=row.version
                    )
                    if outcome.applied:  # else someone else had set it already
                        report.states.append(
                            (ticket_id, outcome.ticket.version, outcome.ticket.state.value)
                        )
                else:
                    row = tickets.row(ticket_id)
                    decided = access.change_access(
                        actor,
                        ticket_id,
                        AccessRequest(
                            granted=not row.reseller_access,
                            channel=Channel.PHONE,
                            requested_by_name="load test caller",
                        ),
                        expected_version=row.version,
                    )
                    report.accesses.append(
                        (ticket_id, decided.ticket.version, decided.ticket.reseller_access)
                    )
            except ConflictError:
                report.conflicts += 1
            report.latencies[operation].append(time.perf_counter() - started)
    finally:
        db.dispose()
    report.latencies = dict(report.latencies)
    return report


def run(
    url: str,
    logins: Sequence[str],
    *,
    seconds: float | None = None,
    operations: int | None = None,
    tickets: int = 20,
    seed: int = 1,
) -> LoadResult:
    """Drive `len(logins)` agents at once for `seconds`, or for `operations` each (a test's
    bound, the same on a fast and a loaded machine); each login is one agent process."""
    if seconds is None and operations is None:
        raise ValueError("a load run needs seconds or operations")
    db = Database(url)
    try:
        ticket_ids, tax_ids = pick_workload(db, tickets, seed)
    finally:
        db.dispose()
    context = multiprocessing.get_context("spawn")
    started = time.monotonic()
    with context.Pool(len(logins)) as pool:
        reports = pool.starmap(
            agent_process,
            [
                (url, login, seed * 1000 + n, seconds, ticket_ids, tax_ids, operations)
                for n, login in enumerate(logins)
            ],
        )
    elapsed = time.monotonic() - started
    latencies: dict[str, list[float]] = defaultdict(list)
    for report in reports:
        for operation, values in report.latencies.items():
            latencies[operation].extend(values)
    return LoadResult(
        agents=len(logins),
        seconds=elapsed,
        operations=sum(len(values) for values in latencies.values()),
        conflicts=sum(report.conflicts for report in reports),
        latency_ms={op: _percentiles(values) for op, values in latencies.items()},
        reports=list(reports),
    )


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        only = values[0] * 1000 if values else 0.0
        return only, only, only
    cuts = statistics.quantiles(values, n=100)
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def verify(db: Database, result: LoadResult, *, audit_since_id: int) -> list[str]:
    """Everything the agents were told is saved is in the database exactly once."""
    problems: list[str] = []
    replies = [reply for report in result.reports for reply in report.replies]
    with db.sessions() as session:
        stored = {
            key: (ticket_id, body, count)
            for key, ticket_id, body, count in session.execute(
                select(Message.client_key, Message.ticket_id, Message.body, func.count(Message.id))
                .where(Message.client_key.in_([key for _t, key, _b in replies] or [""]))
                .group_by(Message.client_key, Message.ticket_id, Message.body)
            )
        }
        for ticket_id, key, body in replies:
            found = stored.get(key)
            if found is None:
                problems.append(f"acknowledged reply {key} on ticket {ticket_id} is missing")
            elif found != (ticket_id, body, 1):
                problems.append(f"reply {key} stored as {found}, expected once on {ticket_id}")
        last_state: dict[int, tuple[int, str]] = {}
        last_access: dict[int, tuple[int, bool]] = {}
        for report in result.reports:
            for ticket_id, version, state in report.states:
                if version > last_state.get(ticket_id, (0, ""))[0]:
                    last_state[ticket_id] = (version, state)
            for ticket_id, version, granted in report.accesses:
                if version > last_access.get(ticket_id, (0, False))[0]:
                    last_access[ticket_id] = (version, granted)
        finals = {
            ticket_id: (state.value, access)
            for ticket_id, state, access in session.execute(
                select(Ticket.id, Ticket.state, Ticket.reseller_access).where(
                    Ticket.id.in_(list(last_state) + list(last_access) or [0])
                )
            )
        }
        for ticket_id, (_version, state) in last_state.items():
            if finals[ticket_id][0] != state:
                problems.append(
                    f"ticket {ticket_id} ends {finals[ticket_id][0]}, the last "
                    f"acknowledged change set {state}"
                )
        for ticket_id, (_version, granted) in last_access.items():
            if finals[ticket_id][1] != granted:
                problems.append(
                    f"ticket {ticket_id} ends with reseller access "
                    f"{finals[ticket_id][1]}, the last acknowledged change set "
                    f"{granted}"
                )
        audited = Counter(
            (action, login)
            for action, login in session.execute(
                select(AuditEntry.action, Agent.login)
                .join(Agent, Agent.id == AuditEntry.agent_id)
                .where(AuditEntry.id > audit_since_id)
            )
        )
    # Several agent processes may share one login: compare per login, summed.
    acknowledged: Counter[tuple[str, str]] = Counter()
    for report in result.reports:
        acknowledged[(AuditAction.TICKET_REPLIED, report.login)] += len(report.replies)
        acknowledged[(AuditAction.TICKET_STATE_CHANGED, report.login)] += len(report.states)
        acknowledged[(AuditAction.TICKET_RESELLER_ACCESS_CHANGED, report.login)] += len(
            report.accesses
        )
    for (action, login), count in sorted(acknowledged.items()):
        if audited[(action, login)] != count:
            problems.append(
                f"{login}: {count} acknowledged {action}, {audited[(action, login)]} in the "
                "audit log"
            )
    return problems


def audit_position(db: Database) -> int:
    """The newest audit entry's id: what a run's checks count from."""
    return ChangeFeed(db).latest_id()
