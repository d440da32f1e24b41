"""Many agents on one database at once, optionally while their connections are killed.

Each simulated agent is a process of its own with its own connections. It runs the desk's mix
(caller lookups, opening tickets, replies, internal notes, state changes and reseller-access
changes) for a bounded time or number of operations and reports every write the database
acknowledged, and every write whose outcome it cannot know. `loadcheck.verify` then checks the
database against those reports. Used by the test suite (short) and by
`benchmarks/bench_load.py` (long).

Writes are retried the way the desk retries them (`services.resilience.retry`): a reply or
note carries a client key picked once per message, a state change the version it was based on,
so a retried write that did land is found instead of written twice; reads are simply retried.
A reseller-access change is not retried, as the desk does not retry it (it shows the fault and
the agent decides again). With `kill_every_s` a killer in this process terminates the agents'
server sessions (named LOAD_APPLICATION_NAME) that often for the whole run.
"""

from __future__ import annotations

import math
import multiprocessing
import random
import statistics
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol, TypeVar

from sqlalchemy import select

from hezo_desk.db import Database
from hezo_desk.enums import Channel, TicketState
from hezo_desk.errors import ConflictError
from hezo_desk.models import Customer, Ticket
from hezo_desk.services.access import AccessRequest, ResellerAccessService
from hezo_desk.services.agents import AgentService
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.change_feed import ChangeFeed
from hezo_desk.services.lookup import LookupService
from hezo_desk.services.resilience import is_transient, retry
from hezo_desk.services.tickets import TicketChange, TicketService

from .cli_faults import KILL_ROUNDS_AT_MOST, killing

T = TypeVar("T")
OPERATIONS = ("lookup", "open", "reply", "note", "state", "access")
WEIGHTS = (4, 3, 3, 1, 2, 1)
OPEN_STATES = (TicketState.NEW, TicketState.IN_PROGRESS, TicketState.WAITING_FOR_CUSTOMER)
# The agents' sessions carry this name, so a killer can pick them out (and spare the checks').
LOAD_APPLICATION_NAME = "hezo-desk-load"
# With faults, each agent waits after its first operation until the killer has terminated a
# session: every fault run then has at least one kill, however fast the machine.
FIRST_KILL_WAIT_S = 60.0
# The desk's retry pauses are multiples of 250 ms: a killer striking exactly every 250 ms
# would strike each retry as it starts, again and again (a resonance no real network has).
KILL_JITTER_S = 0.1


class Gate(Protocol):
    def set(self) -> None: ...

    def wait(self, timeout: float | None = None) -> bool: ...


@dataclass
class AgentReport:
    login: str
    # Acknowledged writes. Messages: ticket, client key, body.
    replies: list[tuple[int, str, str]] = field(default_factory=list)
    notes: list[tuple[int, str, str]] = field(default_factory=list)
    # Changes: ticket, its version after, the state / access value it had then.
    states: list[tuple[int, int, str]] = field(default_factory=list)
    accesses: list[tuple[int, int, bool]] = field(default_factory=list)
    # Audit entries this agent certainly wrote, per action (a state change found already done
    # is acknowledged but was not necessarily written by this agent).
    written: Counter[str] = field(default_factory=Counter)
    # Writes that may or may not have landed: a fault cut the answer off and the retry gave up,
    # or found the ticket as asked (perhaps by this write), or found it changed since (perhaps
    # after this write). Per action, and each with what it would have left behind.
    unsure: Counter[str] = field(default_factory=Counter)
    unsure_messages: list[tuple[int, str, str]] = field(default_factory=list)
    # kind ("state"/"access"), ticket, the version it was based on, the value it would set.
    unsure_changes: list[tuple[str, int, int, str | bool]] = field(default_factory=list)
    conflicts: int = 0
    faults: int = 0  # transient faults met (each retried, or ending an operation)
    gave_up: int = 0  # operations ended by a fault
    active_s: float = 0.0  # time spent running operations (not starting, not waiting)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    @property
    def acknowledged(self) -> int:
        return len(self.replies) + len(self.notes) + len(self.states) + len(self.accesses)


@dataclass(frozen=True)
class LoadResult:
    agents: int
    seconds: float
    operations: int
    conflicts: int
    latency_ms: dict[str, tuple[float, float, float]]  # operation → p50, p95, p99
    counts: dict[str, int]  # operation → how many ran
    reports: list[AgentReport]
    kills: int = 0  # server sessions the killer terminated

    @property
    def per_second(self) -> float:
        """Operations per second, all agents together, over the time each was running them
        (process start-up left out)."""
        return sum(
            sum(len(values) for values in report.latencies.values()) / report.active_s
            for report in self.reports
            if report.active_s
        )

    @property
    def faults(self) -> int:
        return sum(report.faults for report in self.reports)

    @property
    def gave_up(self) -> int:
        return sum(report.gave_up for report in self.reports)


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


class _Agent:
    """One agent's services and the bookkeeping of its writes."""

    def __init__(self, db: Database, login: str, rng: random.Random) -> None:
        self.report = AgentReport(login)
        self._rng = rng
        self._faulted = False
        self._tickets, self._lookup = TicketService(db), LookupService(db)
        self._access = ResellerAccessService(db)
        self._actor = self._retried(partial(AgentService(db).resolve, login))

    def _retried(self, operation: Callable[[], T]) -> T:
        """`operation` retried as the desk retries; notes whether a fault was met."""
        self._faulted = False

        def met(_error: BaseException, _pause: float) -> None:
            self._faulted = True
            self.report.faults += 1

        return retry(operation, on_retry=met)

    def lookup(self, _ticket_id: int, tax_ids: Sequence[str]) -> None:
        self._retried(partial(self._lookup.lookup, self._rng.choice(tax_ids)))

    def open(self, ticket_id: int, _tax_ids: Sequence[str]) -> None:
        self._retried(partial(self._tickets.detail, ticket_id))

    def reply(self, ticket_id: int, _tax_ids: Sequence[str]) -> None:
        self._message(ticket_id, self._tickets.reply, AuditAction.TICKET_REPLIED)

    def note(self, ticket_id: int, _tax_ids: Sequence[str]) -> None:
        self._message(ticket_id, self._tickets.add_note, AuditAction.TICKET_NOTE_ADDED)

    def _message(self, ticket_id: int, add: Callable[..., object], action: str) -> None:
        key = uuid.uuid4().hex  # once per message, whatever the attempts
        body = f"{self.report.login}: {action} {key}"
        try:
            self._retried(partial(add, self._actor, ticket_id, body, client_key=key))
        except Exception as error:
            if is_transient(error):
                self.report.unsure[action] += 1
                self.report.unsure_messages.append((ticket_id, key, body))
            raise
        kept = self.report.replies if action == AuditAction.TICKET_REPLIED else self.report.notes
        kept.append((ticket_id, key, body))
        self.report.written[action] += 1

    def state(self, ticket_id: int, _tax_ids: Sequence[str]) -> None:
        action = AuditAction.TICKET_STATE_CHANGED
        row = self._retried(partial(self._tickets.row, ticket_id))
        target = self._rng.choice([s for s in OPEN_STATES if s is not row.state])
        unsure = ("state", ticket_id, row.version, target.value)
        try:
            outcome = self._retried(
                partial(
                    self._tickets.apply_change,
                    self._actor,
                    ticket_id,
                    TicketChange(state=target),
                    expected_version=row.version,
                )
            )
        except Exception as error:
            # A conflict after a fault: perhaps this write landed and someone changed it since.
            if is_transient(error) or (isinstance(error, ConflictError) and self._faulted):
                self.report.unsure[action] += 1
                self.report.unsure_changes.append(unsure)
            raise
        self.report.states.append((ticket_id, outcome.ticket.version, outcome.ticket.state.value))
        if outcome.applied:
            self.report.written[action] += 1
        elif self._faulted:  # found as asked: this write's, or someone else's
            self.report.unsure[action] += 1
            self.report.unsure_changes.append(unsure)

    def access(self, ticket_id: int, _tax_ids: Sequence[str]) -> None:
        action = AuditAction.TICKET_RESELLER_ACCESS_CHANGED
        row = self._retried(partial(self._tickets.row, ticket_id))
        request = AccessRequest(
            granted=not row.reseller_access,
            channel=Channel.PHONE,
            requested_by_name="load test caller",
        )
        try:
            decided = self._access.change_access(
                self._actor, ticket_id, request, expected_version=row.version
            )
        except Exception as error:
            if is_transient(error):
                self.report.faults += 1
                self.report.unsure[action] += 1
                self.report.unsure_changes.append(
                    ("access", ticket_id, row.version, request.granted)
                )
            raise
        self.report.accesses.append(
            (ticket_id, decided.ticket.version, decided.ticket.reseller_access)
        )
        self.report.written[action] += 1


def agent_process(
    url: str,
    login: str,
    seed: int,
    seconds: float | None,
    ticket_ids: Sequence[int],
    tax_ids: Sequence[str],
    operations: int | None = None,
    first_kill: Gate | None = None,
) -> AgentReport:
    """One agent's session, for `seconds` or `operations` (whichever ends first); runs in a
    process of its own."""
    db = Database(url, application_name=LOAD_APPLICATION_NAME)
    rng = random.Random(seed)
    deadline = None if seconds is None else time.monotonic() + seconds
    done = 0
    try:
        agent = _Agent(db, login, rng)
        report = agent.report
        began = time.perf_counter()
        while (operations is None or done < operations) and (
            deadline is None or time.monotonic() < deadline
        ):
            done += 1
            operation = rng.choices(OPERATIONS, WEIGHTS)[0]
            ticket_id = rng.choice(ticket_ids)
            started = time.perf_counter()
            try:
                getattr(agent, operation)(ticket_id, tax_ids)
            except ConflictError:
                report.conflicts += 1
            except Exception as error:
                if not is_transient(error):
                    raise
                report.gave_up += 1
            report.latencies[operation].append(time.perf_counter() - started)
            if first_kill is not None and done == 1:
                waited = time.perf_counter()
                first_kill.wait(FIRST_KILL_WAIT_S)
                began += time.perf_counter() - waited
        report.active_s = time.perf_counter() - began
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
    kill_every_s: float | None = None,
) -> LoadResult:
    """Drive `len(logins)` agents at once for `seconds`, or for `operations` each (a test's
    bound, the same on a fast and a loaded machine); each login is one agent process. With
    `kill_every_s`, their server sessions are terminated that often meanwhile."""
    if seconds is None and operations is None:
        raise ValueError("a load run needs seconds or operations")
    db = Database(url)
    try:
        ticket_ids, tax_ids = pick_workload(db, tickets, seed)
        context = multiprocessing.get_context("spawn")
        started = time.monotonic()
        if kill_every_s is None:
            reports = _drive(context, url, logins, seed, seconds, operations, ticket_ids, tax_ids)
            kills = 0
        else:
            # Bounded: the killer stops when the agents are done, or by itself a minute after
            # they should have been.
            rounds = (
                KILL_ROUNDS_AT_MOST if seconds is None else math.ceil((seconds + 60) / kill_every_s)
            )
            with context.Manager() as manager:
                first_kill = manager.Event()
                with killing(
                    db,
                    every_s=kill_every_s,
                    application_name=LOAD_APPLICATION_NAME,
                    rounds=rounds,
                    on_kill=first_kill.set,
                    jitter_s=KILL_JITTER_S,
                ) as killed:
                    reports = _drive(
                        context,
                        url,
                        logins,
                        seed,
                        seconds,
                        operations,
                        ticket_ids,
                        tax_ids,
                        first_kill,
                    )
                kills = len(killed)
        elapsed = time.monotonic() - started
    finally:
        db.dispose()
    latencies: dict[str, list[float]] = defaultdict(list)
    for report in reports:
        for operation, values in report.latencies.items():
            latencies[operation].extend(values)
    return LoadResult(
        agents=len(logins),
        seconds=elapsed,
        operations=sum(len(values) for values in latencies.values()),
        conflicts=sum(report.conflicts for report in reports),
        latency_ms={op: percentiles_ms(values) for op, values in latencies.items()},
        counts={op: len(values) for op, values in latencies.items()},
        reports=reports,
        kills=kills,
    )


def _drive(
    context: multiprocessing.context.SpawnContext,
    url: str,
    logins: Sequence[str],
    seed: int,
    seconds: float | None,
    operations: int | None,
    ticket_ids: Sequence[int],
    tax_ids: Sequence[str],
    first_kill: Gate | None = None,
) -> list[AgentReport]:
    with context.Pool(len(logins)) as pool:
        return pool.starmap(
            agent_process,
            [
                (url, login, seed * 1000 + n, seconds, ticket_ids, tax_ids, operations, first_kill)
                for n, login in enumerate(logins)
            ],
        )


def percentiles_ms(values: Sequence[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 of durations in seconds, in milliseconds."""
    if len(values) < 2:
        only = values[0] * 1000 if values else 0.0
        return only, only, only
    cuts = statistics.quantiles(values, n=100)
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def audit_position(db: Database) -> int:
    """The newest audit entry's id: what a run's checks count from."""
    return ChangeFeed(db).latest_id()
