"""Paged, sorted, filtered lists: every sort and filter, on SQLite and PostgreSQL.

The oracle for an order is independent of the listing's SQL: Python's order of the rows for
numbers, dates and ranks, and a plain joined query of the database for text (so that the
server's collation decides, as it does for the listing).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import Text, cast, event, func, select
from sqlalchemy.exc import DBAPIError

from builders import build_world
from hezo_desk.db import Database
from hezo_desk.enums import ContractState, Priority, Role, TicketState
from hezo_desk.errors import PermissionDeniedError, UserError
from hezo_desk.models import Agent, AuditEntry, Customer, Reseller, Service, ServiceContract, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.audit import AuditFilter
from hezo_desk.services.demo import DemoService
from hezo_desk.services.listing.audit import AuditListing
from hezo_desk.services.listing.contracts import ContractFilter, ContractListing
from hezo_desk.services.listing.definition import Listing, Sort
from hezo_desk.services.listing.paging import Condition, ReadStoppedError, Window
from hezo_desk.services.listing.serials import ServiceFilter, ServiceListing, read_serial
from hezo_desk.services.listing.tickets import (
    OPEN_STATES,
    PRIORITY_ORDER,
    TICKET_STATE_ORDER,
    TicketFilter,
    TicketListing,
)
from hezo_desk.services.normalize import contract_number_key, fold
from hezo_desk.services.serials import InvalidSerialError, parse_serial
from hezo_desk.services.tickets import NewTicket, TicketChange, TicketService
from waiting import WAIT_S, wait_until

DEMO_TODAY = dt.date(2026, 11, 2)
PAGE = 7  # small pages: the demo's lists span many of them


def page_count(window: Window[Any]) -> int:
    return -(-window.count() // window.page_size)


def _all(window: Window[Any]) -> list[Any]:
    """Page after page, as a user scrolls."""
    return [row for number in range(page_count(window)) for row in window.page(number)]


def _jumping(window: Window[Any]) -> list[Any]:
    """The last page first, then from the middle outwards: every read is a jump."""
    count = page_count(window)
    if count == 0:
        return []
    order = [count - 1, count // 2, *range(count // 2 - 1, -1, -1), *range(count // 2 + 1, count)]
    pages: dict[int, list[Any]] = {}
    for number in dict.fromkeys(order):
        pages[number] = window.page(number)
    return [row for number in range(count) for row in pages[number]]


def _ids(rows: Sequence[Any]) -> list[int]:
    return [row.id for row in rows]


def _check_window(listing: Listing[Any, Any], list_filter: Any, sort: Sort) -> list[Any]:
    """All ways of reading a window agree, and count what they read."""
    forwards = _all(listing.window(list_filter, sort, page_size=PAGE))
    jumped = _jumping(listing.window(list_filter, sort, page_size=PAGE))
    window = listing.window(list_filter, sort, page_size=PAGE)
    count, first = window.open()
    assert count == len(forwards) == len({row.id for row in forwards})
    assert _ids(jumped) == _ids(forwards)
    assert _ids(first) == _ids(forwards[:PAGE])
    assert window.ids(3, 3 + 2 * PAGE) == _ids(forwards[3 : 4 + 2 * PAGE])
    tail = max(count - 2, 0)
    assert window.ids(tail, count + 5) == _ids(forwards[tail:])
    assert window.page(page_count(window)) == []
    return forwards


def _sql_order(
    db: Database, query: Any, keys: Sequence[Any], id_column: Any, desc: bool
) -> list[int]:
    order = [*keys, id_column]
    with db.sessions() as session:
        return list(session.scalars(query.order_by(*[k.desc() if desc else k for k in order])))


def _py_order(rows: list[Any], key: Callable[[Any], Any], desc: bool) -> list[int]:
    return _ids(sorted(rows, key=lambda row: (key(row), row.id), reverse=desc))


# ----- tickets -----------------------------------------------------------------------------


def time_left_order(rows: list[Any], desc: bool) -> list[int]:
    """By the next due, then id; tickets without one last in either direction, by id."""
    dated = [row for row in rows if row.sla.next_due_at is not None]
    undated = [row for row in rows if row.sla.next_due_at is None]
    return _py_order(dated, lambda t: t.sla.next_due_at, desc) + _py_order(
        undated, lambda _t: 0, desc
    )


def _ticket_oracle(db: Database, sort_key: str, desc: bool, rows: list[Any]) -> list[int]:
    if sort_key == "time_left":
        return time_left_order(rows, desc)
    python: dict[str, Callable[[Any], Any]] = {
        "number": lambda t: t.id,
        "state": lambda t: TICKET_STATE_ORDER.index(t.state),
        "priority": lambda t: PRIORITY_ORDER.index(t.priority),
        "reseller_access": lambda t: t.reseller_access,
        "updated": lambda t: t.updated_at,
    }
    if sort_key in python:
        return _py_order(rows, python[sort_key], desc)
    base = (
        select(Ticket.id)
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(Service, Service.id == Ticket.service_id)
        .outerjoin(Agent, Agent.id == Ticket.assignee_id)
    )
    keys = {
        "subject": [Ticket.subject],
        "customer": [Customer.name_folded],
        "notation": [
            func.coalesce(Service.serial, ""),
            func.coalesce(Service.notation_index, -1),
        ],
        "channel": [Ticket.channel],
        "assignee": [func.coalesce(Agent.display_name, "")],
        "opened": [Ticket.opened_at],
    }[sort_key]
    return _sql_order(db, base, keys, Ticket.id, desc)


def test_the_default_ticket_order_is_the_last_change_first(
    demo_db: Database, demo_agent: Actor
) -> None:
    listing = TicketListing(demo_db, demo_agent)
    assert set(listing.sort_keys) == {
        "number", "subject", "customer", "notation", "state", "priority", "channel",
        "assignee", "reseller_access", "opened", "updated", "time_left",
    }  # fmt: skip
    rows = listing.rows(TicketFilter(), limit=200)
    assert len(rows) == 120
    assert [r.updated_at for r in rows] == sorted((r.updated_at for r in rows), reverse=True)


def test_ticket_filters(demo_db: Database, demo_agent: Actor) -> None:
    listing = TicketListing(demo_db, demo_agent)
    everything = _all(listing.window(TicketFilter()))

    def check(list_filter: TicketFilter, expected: Callable[[Any], bool]) -> list[Any]:
        rows = _check_window(listing, list_filter, Sort("updated", descending=True))
        assert _ids(rows) == [t.id for t in everything if expected(t)], list_filter
        return rows

    assert check(TicketFilter(states=OPEN_STATES), lambda t: t.state in OPEN_STATES)
    assert check(
        TicketFilter(states=frozenset({TicketState.CLOSED})),
        lambda t: t.state is TicketState.CLOSED,
    )
    assert check(
        TicketFilter(priorities=frozenset({Priority.CRITICAL, Priority.HIGH})),
        lambda t: t.priority in {Priority.CRITICAL, Priority.HIGH},
    )
    assert check(TicketFilter(mine=True), lambda t: t.assignee_login == "anna.nowak")
    assert check(TicketFilter(unassigned=True), lambda t: t.assignee_login is None)
    assert check(
        TicketFilter(mine=True, unassigned=True),
        lambda t: t.assignee_login in {None, "anna.nowak"},
    )
    assert check(TicketFilter(awaiting_review=True), lambda t: t.migrated and not t.reviewed)
    customer = everything[0].customer_id
    assert check(TicketFilter(customer_id=customer), lambda t: t.customer_id == customer)
    assert check(
        TicketFilter(states=OPEN_STATES, priorities=frozenset({Priority.NORMAL}), unassigned=True),
        lambda t: (
            t.state in OPEN_STATES and t.priority is Priority.NORMAL and t.assignee_login is None
        ),
    )
    # The search is one more filter (its own tests are in test_search.py).
    number = everything[5].number
    assert _ids(check(TicketFilter(search=number.lower()), lambda t: t.number == number))
    assert listing.window(TicketFilter(search='"(*')).count() == 0


def test_an_unknown_sort_key_is_refused_plainly(demo_db: Database, demo_agent: Actor) -> None:
    with pytest.raises(UserError, match="cannot sort by “colour”"):
        TicketListing(demo_db, demo_agent).window(TicketFilter(), Sort("colour"))


def test_a_change_between_two_pages_repeats_and_skips_nothing(
    demo_db: Database, demo_agent: Actor
) -> None:
    listing = TicketListing(demo_db, demo_agent)
    window = listing.window(TicketFilter(), Sort("updated", descending=True), page_size=10)
    first = window.page(0)
    # Another agent touches a ticket further down: it jumps to the top of the list.
    everything = _all(listing.window(TicketFilter()))
    moved = everything[50]
    other = Priority.LOW if moved.priority is not Priority.LOW else Priority.HIGH
    TicketService(demo_db).change(
        demo_agent, moved.id, TicketChange(priority=other), expected_version=None
    )
    rest = [row.id for n in range(1, page_count(window)) for row in window.page(n)]
    seen = _ids(first) + rest
    assert len(seen) == len(set(seen)), "no ticket is shown twice"
    assert set(seen) == {t.id for t in everything} - {moved.id}, "and none is skipped"


# ----- contracts ---------------------------------------------------------------------------


def _contract_oracle(db: Database, sort_key: str, desc: bool, rows: list[Any]) -> list[int]:
    python: dict[str, Callable[[Any], Any]] = {
        "start": lambda c: c.start_date,
        "term": lambda c: c.end_date,
        "state": lambda c: list(ContractState).index(c.state),
        "services": lambda c: c.service_count,
    }
    if sort_key in python:
        return _py_order(rows, python[sort_key], desc)
    base = (
        select(ServiceContract.id)
        .join(Customer, Customer.id == ServiceContract.customer_id)
        .join(Reseller, Reseller.id == ServiceContract.reseller_id)
    )
    keys = {
        "number": [ServiceContract.number_key],
        "customer": [Customer.name_folded],
        "tax_id": [Customer.tax_id],
        "reseller": [Reseller.name],
    }[sort_key]
    return _sql_order(db, base, keys, ServiceContract.id, desc)


def test_contract_filters(demo_db: Database) -> None:
    listing = ContractListing(demo_db)
    everything = _all(listing.window(ContractFilter()))

    def check(list_filter: ContractFilter, expected: Callable[[Any], bool]) -> list[Any]:
        rows = _check_window(listing, list_filter, ContractListing.default_sort)
        assert sorted(_ids(rows)) == sorted(c.id for c in everything if expected(c))
        return rows

    for state in ContractState:
        assert check(ContractFilter(states=frozenset({state})), lambda c, s=state: c.state is s)
    resellers = listing.resellers()
    assert [r.name for r in resellers] == sorted(r.name for r in resellers)
    reseller = resellers[1].id
    assert check(ContractFilter(reseller_id=reseller), lambda c: c.reseller_id == reseller)

    def ends_within(days: int) -> Callable[[Any], bool]:
        last = DEMO_TODAY + dt.timedelta(days=days)
        return lambda c: c.state is ContractState.ACTIVE and DEMO_TODAY <= c.end_date <= last

    assert check(ContractFilter(expiring_within_days=120, today=DEMO_TODAY), ends_within(120))
    check(ContractFilter(expiring_within_days=0, today=DEMO_TODAY), ends_within(0))
    with pytest.raises(UserError, match="0 or more"):
        listing.window(ContractFilter(expiring_within_days=-1))

    sample = everything[3]
    assert check(
        ContractFilter(text=sample.number.lower().replace("/", " ")),
        lambda c: contract_number_key(c.number).startswith(contract_number_key(sample.number)),
    )
    assert check(ContractFilter(text="ums/20"), lambda c: c.number.startswith("UMS/20"))
    spaced = f"{sample.tax_id[2:5]}-{sample.tax_id[5:8]}-{sample.tax_id[8:10]}-{sample.tax_id[10:]}"
    assert check(ContractFilter(text=spaced), lambda c: c.tax_id == sample.tax_id)
    # Words of the customer's name, Polish letters optional.
    for text in ("laka", "Łąka", "zolw", "ŻÓŁW", "apteka", "snieżka"):
        word = fold(text)
        assert check(
            ContractFilter(text=text),
            lambda c, w=word: (
                fold(c.customer_name).startswith(w) or f" {w}" in fold(c.customer_name)
            ),
        ), text
    assert check(
        ContractFilter(states=frozenset({ContractState.ACTIVE}), reseller_id=reseller),
        lambda c: c.state is ContractState.ACTIVE and c.reseller_id == reseller,
    )
    assert listing.window(ContractFilter(text="100%_'\"")).count() == 0
    # Control characters (PostgreSQL refuses NUL in text) are no part of what is looked for.
    laka = listing.window(ContractFilter(text="łąka")).count()
    assert laka
    assert listing.window(ContractFilter(text="\x00łąka\x07")).count() == laka


# ----- services ----------------------------------------------------------------------------


def _service_oracle(db: Database, sort_key: str, desc: bool, rows: list[Any]) -> list[int]:
    python: dict[str, Callable[[Any], Any]] = {
        "start": lambda s: s.start_date,
        "term": lambda s: s.end_date,
    }
    if sort_key in python:
        return _py_order(rows, python[sort_key], desc)
    base = (
        select(Service.id)
        .join(ServiceContract, ServiceContract.id == Service.contract_id)
        .join(Customer, Customer.id == ServiceContract.customer_id)
    )
    notation = [Service.serial, Service.notation_index]
    keys = {
        "notation": notation,
        "serial": notation,
        "product": [Service.product],
        "contract": [ServiceContract.number_key],
        "customer": [Customer.name_folded],
    }[sort_key]
    return _sql_order(db, base, keys, Service.id, desc)


def test_a_serial_in_any_notation_finds_its_services(demo_db: Database) -> None:
    listing = ServiceListing(demo_db)
    everything = _all(listing.window(ServiceFilter()))
    serial = next(s.serial for s in everything if s.notation_index == 2)  # (H1), (H2), …
    expected = sorted(s.id for s in everything if s.serial == serial)
    assert len(expected) >= 2
    typed = [
        serial,
        serial.lower(),
        f"(H2)-{serial}",
        f"(h2) - {serial.lower()}",
        f"(H)-{serial}",
        f"H2-{serial}",
        " ".join([serial[:4], serial[4:8], serial[8:]]),
    ]
    for text in typed:
        parsed = read_serial(text)
        rows = _check_window(listing, ServiceFilter(serial=parsed), Sort("notation"))
        assert sorted(_ids(rows)) == expected, text
        assert [r.notation for r in rows] == sorted(r.notation for r in rows)
    # The start of a serial finds every serial that starts so.
    prefix = serial[:6]
    rows = _all(listing.window(ServiceFilter(serial=parse_serial(prefix))))
    assert sorted(_ids(rows)) == sorted(s.id for s in everything if s.serial.startswith(prefix))
    assert read_serial("   ") is None
    for bad in ("FG12!3456", "(H0)-FG1234567890", "ab"):
        with pytest.raises(InvalidSerialError):
            read_serial(bad)


def test_service_filters_by_contract_and_customer(demo_db: Database) -> None:
    listing = ServiceListing(demo_db)
    everything = _all(listing.window(ServiceFilter()))
    sample = everything[10]
    rows = _check_window(listing, ServiceFilter(contract_id=sample.contract_id), Sort("notation"))
    assert sorted(_ids(rows)) == sorted(
        s.id for s in everything if s.contract_id == sample.contract_id
    )
    rows = _check_window(listing, ServiceFilter(customer_id=sample.customer_id), Sort("customer"))
    assert sorted(_ids(rows)) == sorted(
        s.id for s in everything if s.customer_id == sample.customer_id
    )


# ----- audit -------------------------------------------------------------------------------


@pytest.fixture
def audited(demo_db: Database) -> tuple[Database, Actor, Actor]:
    """Some audited work on the demo data: a supervisor reads what two agents did."""
    agents = AgentService(demo_db)
    anna, jan = agents.resolve("anna.nowak"), agents.resolve("jan.kowalski")
    supervisor = agents.authenticate("marek.zielinski", "hezo-demo")
    tickets = TicketService(demo_db)
    rows = _all(TicketListing(demo_db, anna).window(TicketFilter(states=OPEN_STATES)))
    for number, ticket in enumerate(rows[:6]):
        actor = anna if number % 2 else jan
        tickets.reply(actor, ticket.id, f"Odpowiedź nr {number} – „cudzysłów”")
        if number % 3 == 0:
            tickets.add_note(actor, ticket.id, "Notatka wewnętrzna")
    legacy = next(t for t in rows if t.legacy_number)
    tickets.add_note(jan, legacy.id, "Sprawa z migracji")
    return demo_db, supervisor, anna


def _audit_oracle(db: Database, sort_key: str, desc: bool, rows: list[Any]) -> list[int]:
    with db.sessions() as session:
        ticket_ids = dict(session.execute(select(Ticket.number, Ticket.id)).all())
    python: dict[str, Callable[[Any], Any]] = {
        "time": lambda a: a.recorded_at,
        "ticket": lambda a: ticket_ids.get(a.ticket_number, 0),
    }
    if sort_key in python:
        return _py_order(rows, python[sort_key], desc)
    base = select(AuditEntry.id).outerjoin(Agent, Agent.id == AuditEntry.agent_id)
    keys = {
        "agent": [func.coalesce(Agent.login, "")],
        "action": [AuditEntry.action],
        "summary": [AuditEntry.summary],
    }[sort_key]
    return _sql_order(db, base, keys, AuditEntry.id, desc)


def test_audit_filters(audited: tuple[Database, Actor, Actor]) -> None:
    db, supervisor, _anna = audited
    listing = AuditListing(db, supervisor)
    everything = _all(listing.window(AuditFilter()))
    # Demo, sign-in, 6 replies, 3 notes; and each first reply to the customer met a due.
    dues = [a for a in everything if a.action == "ticket.dues_changed"]
    assert len(everything) - len(dues) == 11
    assert all(a.details.get("reason") == "responded" for a in dues)

    def check(list_filter: AuditFilter, expected: Callable[[Any], bool]) -> list[Any]:
        rows = _check_window(listing, list_filter, Sort("time", descending=True))
        assert _ids(rows) == [a.id for a in everything if expected(a)], list_filter
        return rows

    assert check(AuditFilter(agent_login="anna.nowak"), lambda a: a.agent_login == "anna.nowak")
    assert check(
        AuditFilter(agent_login=" Jan.Kowalski "), lambda a: a.agent_login == "jan.kowalski"
    )
    assert not check(AuditFilter(agent_login="nobody"), lambda a: False)
    assert check(AuditFilter(action="ticket.replied"), lambda a: a.action == "ticket.replied")
    assert check(AuditFilter(action="ticket."), lambda a: a.action.startswith("ticket."))
    number = next(a.ticket_number for a in everything if a.ticket_number)
    for typed in (number, number.lower(), "hd " + number[3:].lstrip("0")):
        assert check(AuditFilter(ticket_number=typed), lambda a: a.ticket_number == number)
    with db.sessions() as session:
        legacy, legacy_number = session.execute(
            select(Ticket.number, Ticket.legacy_number).where(
                Ticket.id.in_(select(AuditEntry.ticket_id)), Ticket.legacy_number.is_not(None)
            )
        ).first() or (None, None)
    assert legacy_number is not None
    assert check(AuditFilter(ticket_number=legacy_number), lambda a: a.ticket_number == legacy)
    times = sorted(a.recorded_at for a in everything)
    middle = times[len(times) // 2]
    assert check(AuditFilter(since=middle), lambda a: a.recorded_at >= middle)
    assert check(AuditFilter(until=middle), lambda a: a.recorded_at < middle)
    assert not check(AuditFilter(ticket_number="\x00", action="\x00%"), lambda a: False)
    assert check(
        AuditFilter(agent_login="jan.kowalski", action="ticket.note", since=times[0]),
        lambda a: a.agent_login == "jan.kowalski" and a.action == "ticket.note_added",
    )


def test_only_supervisors_and_administrators_read_the_audit_log(
    audited: tuple[Database, Actor, Actor],
) -> None:
    db, _supervisor, anna = audited
    with pytest.raises(PermissionDeniedError, match="audit log"):
        AuditListing(db, anna)
    AuditListing(db, AgentService(db).resolve("admin"))


# ----- a longer list -----------------------------------------------------------------------


def test_a_list_of_thousands_pages_and_jumps_consistently(db: Database) -> None:
    """More tickets than the demo writes in one chunk; positions over 51 pages."""
    DemoService(db).load(customers=60, tickets=5_100, seed=3, today=DEMO_TODAY)
    actor = AgentService(db).resolve("anna.nowak")
    listing = TicketListing(db, actor)
    for sort in (Sort("updated", descending=True), Sort("customer"), Sort("number")):
        window = listing.window(TicketFilter(), sort)
        count, first = window.open()
        assert count == 5_100
        jumped = listing.window(TicketFilter(), sort)
        middle = jumped.page(25)
        # Along an index a jump skips rows; any other order is sorted once, into positions.
        assert jumped.positions_ready == (sort.key not in TicketListing.indexed_sorts)
        assert len(middle) == 100
        last = jumped.page(50)
        jumped.build_positions()
        assert _ids(jumped.page(25)) == _ids(middle)
        sequential = _all(window)
        assert _ids(sequential[2500:2600]) == _ids(middle)
        assert _ids(sequential[5000:]) == _ids(last)
        assert _ids(sequential[:100]) == _ids(first)
        assert len(set(_ids(sequential))) == 5_100
    open_tickets = _all(listing.window(TicketFilter(states=OPEN_STATES)))
    with db.sessions() as session:
        assert len(open_tickets) == session.scalar(
            select(func.count(Ticket.id)).where(Ticket.state.in_(OPEN_STATES))
        )


def test_what_the_services_write_shows_in_the_lists(db: Database) -> None:
    """A contract, its services with their notation, a ticket on it, Polish text intact."""
    world = build_world(db)
    AgentService(db).add(None, login="admin", display_name="Admin", role=Role.ADMINISTRATOR)
    actor = AgentService(db).resolve("admin")
    services = _all(ServiceListing(db).window(ServiceFilter(contract_id=world.contract_id)))
    assert [s.notation for s in services] == [
        "(H1)-FG1234567890",
        "(H2)-FG1234567890",
        "(H)-FW5550001111",
    ]
    service = services[1]
    TicketService(db).open(
        actor, NewTicket(world.contract_id, service.id, "Żółw nie działa", "Opis „zgłoszenia”")
    )
    tickets = _all(TicketListing(db, actor).window(TicketFilter()))
    assert [(t.subject, t.notation) for t in tickets] == [("Żółw nie działa", "(H2)-FG1234567890")]
    contracts = _all(ContractListing(db).window(ContractFilter(text="żółw")))
    assert [c.number for c in contracts] == ["UMS/2024/00003"]
    contracts = _all(ContractListing(db).window(ContractFilter(text="łąka")))
    assert sorted(c.number for c in contracts) == ["UMS/2020/00002", "UMS/2024/00001"]


def test_a_left_list_stops_reading_its_positions(demo_db: Database, demo_agent: Actor) -> None:
    listing = TicketListing(demo_db, demo_agent)
    window = listing.window(TicketFilter(), page_size=10)
    with pytest.raises(ReadStoppedError):
        window.build_positions(check=window.stop)
    assert not window.positions_ready
    left = listing.window(TicketFilter(), page_size=10)
    left.stop()
    with pytest.raises(ReadStoppedError):
        left.build_positions()
    # What was read before stays readable; a window in use is never stopped.
    assert len(left.first_page()) == 10


# ----- every sort of every list ------------------------------------------------------------

Oracle = Callable[[Database, str, bool, list[Any]], list[int]]
SORTED_LISTS: dict[str, tuple[Callable[[Database, Actor], Listing[Any, Any]], Any, Oracle]] = {
    "tickets": (TicketListing, TicketFilter(), _ticket_oracle),
    "contracts": (lambda db, _actor: ContractListing(db), ContractFilter(), _contract_oracle),
    "services": (lambda db, _actor: ServiceListing(db), ServiceFilter(), _service_oracle),
    "audit": (AuditListing, AuditFilter(), _audit_oracle),
}


@pytest.mark.parametrize("desc", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("name", list(SORTED_LISTS))
def test_every_sort_reads_the_same_rows_however_paged(
    audited: tuple[Database, Actor, Actor], name: str, desc: bool
) -> None:
    db, supervisor, _anna = audited
    make, list_filter, oracle = SORTED_LISTS[name]
    listing = make(db, supervisor)
    everything = _all(listing.window(list_filter))
    assert everything
    for key in listing.sort_keys:
        rows = _check_window(listing, list_filter, Sort(key, desc))
        assert _ids(rows) == oracle(db, key, desc, everything), key


def _held_rows(db: Database, running: threading.Event, released: threading.Event) -> Condition:
    """A condition that holds up the query it is in: on SQLite the first row tested sets
    `running` and waits for `released`; on PostgreSQL every row takes 0.5 s."""
    if not db.is_sqlite:
        return cast(func.pg_sleep(0.5), Text) == ""

    def hold() -> int:
        running.set()
        released.wait(WAIT_S)
        return 1

    def register(connection: Any, _record: Any) -> None:
        connection.create_function("hezo_held", 0, hold)

    event.listen(db.engine, "connect", register)
    db.engine.dispose()  # connections made from now on know the function
    return func.hezo_held() == 1


def _query_running(db: Database) -> bool:
    """Whether a connection to this PostgreSQL database is inside the held query's sleep."""
    with db.engine.connect() as connection:
        running = connection.exec_driver_sql(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event = 'PgSleep'"
        ).scalar()
    return bool(running)


def test_stopping_a_list_interrupts_its_running_query(demo_db: Database, demo_agent: Actor) -> None:
    running, released = threading.Event(), threading.Event()
    plan = TicketListing(demo_db, demo_agent).plan(TicketFilter())
    slow = replace(plan, conditions=(*plan.conditions, _held_rows(demo_db, running, released)))
    window = Window(demo_db, slow)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            window.build_positions()
        except BaseException as error:
            outcome.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    if demo_db.is_sqlite:
        assert running.wait(WAIT_S), "the query started"
    else:
        wait_until(lambda: _query_running(demo_db), what="the query started")
    window.stop()
    released.set()  # SQLite notices an interrupt between rows, not inside a function
    reader.join(timeout=WAIT_S)
    assert not reader.is_alive()
    assert [type(error) for error in outcome] == [ReadStoppedError]
    # Interrupted in the database (its error is the cause), not merely noticed afterwards.
    assert isinstance(outcome[0].__cause__, DBAPIError)
    assert not window.positions_ready


@pytest.mark.parametrize(
    "sort",
    [Sort("updated", descending=True), Sort("subject"), Sort("customer")],
    ids=["updated", "subject", "customer"],
)
def test_a_row_is_found_again_wherever_it_stands(
    demo_db: Database, demo_agent: Actor, sort: Sort
) -> None:
    listing = TicketListing(demo_db, demo_agent)
    open_only = TicketFilter(states=OPEN_STATES)
    window = listing.window(open_only, sort)
    ordered = _ids(_all(window))
    for place in (0, 1, len(ordered) // 2, len(ordered) - 1):
        assert listing.window(open_only, sort).position_of(ordered[place]) == place
    closed = next(t.id for t in _all(listing.window(TicketFilter())) if not t.state.is_open)
    assert listing.window(open_only, sort).position_of(closed) is None
    window.build_positions()
    assert window.position_of(ordered[-1]) == len(ordered) - 1


@pytest.mark.parametrize("key", ["state", "priority"])
def test_the_rank_sorts_read_their_index(demo_db: Database, demo_agent: Actor, key: str) -> None:
    """Sorted by state or priority, a list walks an index (revision 0005), never sorts all."""
    plan = TicketListing(demo_db, demo_agent).plan(TicketFilter(), Sort(key, descending=True))
    first_page = select(*plan.keys).order_by(*[k.desc() for k in plan.keys]).limit(100)
    sql = str(first_page.compile(demo_db.engine, compile_kwargs={"literal_binds": True}))
    with demo_db.engine.connect() as connection:
        if demo_db.is_sqlite:
            plan_text = str(connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").all())
            assert "TEMP B-TREE" not in plan_text
        else:
            # A demo table is small enough to sort; what matters is that the index can serve.
            connection.exec_driver_sql("SET LOCAL enable_sort = off")
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan_text = str(connection.exec_driver_sql(f"EXPLAIN {sql}").all())
    assert f"ix_tickets_{key}_rank" in plan_text
    ranked = TicketListing(demo_db, demo_agent).rows(TicketFilter(), Sort(key), limit=1000)
    order = TICKET_STATE_ORDER if key == "state" else PRIORITY_ORDER
    ranks = [order.index(getattr(row, key)) for row in ranked]
    assert ranks == sorted(ranks)


def test_sorts_by_what_a_ticket_refers_to_follow_renames_and_moves(
    demo_db: Database, demo_agent: Actor
) -> None:
    """The copies the sorts read (revision 0006) are the database's own: any writer's change
    to a customer's name, an agent's name, a service, or a ticket's links shows at once."""
    listing = TicketListing(demo_db, demo_agent)
    with demo_db.transaction() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.assignee_id.is_not(None))).first()
        assert ticket is not None
        customer = session.get_one(Customer, ticket.customer_id)
        customer.name, customer.name_folded = "Ąaa Żuraw", fold("Ąaa Żuraw")
        agent = session.get_one(Agent, ticket.assignee_id)
        agent.display_name = "Aaaa Ćma"
        other = session.scalars(
            select(Service).where(Service.id != ticket.service_id).order_by(Service.id.desc())
        ).first()
        assert other is not None
        ticket.service_id = other.id
        unassigned = session.scalars(select(Ticket).where(Ticket.id != ticket.id)).first()
        assert unassigned is not None
        unassigned.assignee_id = None
        session.flush()
        moved, renamed_customer, agent_login = ticket.id, customer.id, agent.login
    rows = _all(listing.window(TicketFilter(), Sort("number")))
    for key in ("customer", "notation", "assignee"):
        for desc in (False, True):
            shown = _ids(_all(listing.window(TicketFilter(), Sort(key, desc))))
            assert shown == _ticket_oracle(demo_db, key, desc, rows), (key, desc)
    first = listing.window(TicketFilter(), Sort("customer")).first_page()
    assert first[0].customer_id == renamed_customer
    by_assignee = listing.window(TicketFilter(), Sort("assignee")).first_page()
    assert by_assignee[0].assignee_name is None  # the unassigned first ('' before any name)
    named = [row for row in by_assignee if row.assignee_name is not None]
    assert named[0].assignee_name == "Aaaa Ćma"
    assert named[0].id == moved or named[0].assignee_login == agent_login
