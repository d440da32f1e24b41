"""Full-text search: Polish letters folded, numbers new and legacy, any input safe.

The expected tickets come from the words of the subjects and messages themselves, cut and
folded in Python, not from the search's own SQL.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hezo_desk.db import Database
from hezo_desk.enums import OPEN_TICKET_STATES
from hezo_desk.models import Message, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.listing.paging import FEW_IDS, Window
from hezo_desk.services.listing.tickets import TicketFilter, TicketListing
from hezo_desk.services.normalize import fold
from hezo_desk.services.search import (
    SearchQuery,
    SearchService,
    fts5_match,
    parse_query,
    tsquery_text,
)
from hezo_desk.services.tickets import TicketService

NASTY = [
    '"',
    '""',
    "'",
    "a-b",
    "*",
    "(",
    ")",
    "a OR b",
    "NOT",
    "AND AND",
    "NEAR(a b)",
    "col:value",
    "^start",
    "x*y",
    "\\",
    "%_",
    "'; DROP TABLE tickets; --",
    "1=1 OR '1'='1'",
    "!&|<->:*",
    "\x00",
    "ą" * 600,
    "słowo " * 40,
    "–—„”«»",
    "🙂 emoji",
    "tab\tnew\nline",
]


Finder = Callable[[str], set[int]]


@pytest.fixture(params=["few", "many"])
def few_ids(request: pytest.FixtureRequest) -> int:
    """Both ways a list orders what a search found: by id (few), or, when many, by walking
    the sorted tickets for the first pages and as a set of its own for the count."""
    return FEW_IDS if request.param == "few" else 0


@pytest.fixture
def found(demo_db: Database, demo_agent: Actor, few_ids: int) -> Finder:
    """The ids a search in the ticket list finds, read page after page as a list shows them."""

    def find(text: str) -> set[int]:
        listing = TicketListing(demo_db, demo_agent)
        shown = listing.window(TicketFilter(search=text), page_size=5, few_ids=few_ids)
        # Page after page before any count, as a list first shows them.
        ids: list[int] = []
        for number in itertools.count():
            page = [row.id for row in shown.page(number)]
            ids.extend(page)
            if len(page) < shown.page_size:
                break
        # Counted first (the positions read), the same rows in the same order.
        counted = listing.window(TicketFilter(search=text), page_size=5, few_ids=few_ids)
        assert counted.count() == len(ids) == len(set(ids))
        assert _ids_of(counted) == ids
        return set(ids)

    return find


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", fold(text)))


def _open(db: Database, ids: set[int]) -> list[int]:
    """The open tickets among `ids`, in id order: a reply goes only to an open ticket."""
    with db.sessions() as session:
        return list(
            session.scalars(
                select(Ticket.id)
                .where(Ticket.id.in_(ids), Ticket.state.in_(OPEN_TICKET_STATES))
                .order_by(Ticket.id)
            )
        )


def _expected(db: Database, *prefixes: str) -> set[int]:
    """Tickets where every prefix starts a word of the subject or of one message."""
    documents: list[tuple[int, str]] = []
    with db.sessions() as session:
        documents += [(i, t) for i, t in session.execute(select(Ticket.id, Ticket.subject))]
        documents += [(i, t) for i, t in session.execute(select(Message.ticket_id, Message.body))]
    found: set[int] = set()
    for ticket_id, text in documents:
        words = _words(text)
        if all(any(word.startswith(prefix) for word in words) for prefix in prefixes):
            found.add(ticket_id)
    return found


def test_queries_are_read_as_folded_words_and_numbers() -> None:
    assert parse_query("  Łódź   ŻÓŁW ") == SearchQuery(
        "Łódź ŻÓŁW", ("lodz", "zolw"), None, "ŁódźŻÓŁW"
    )
    assert parse_query("hd 123").ticket_number == "HD-000123"
    assert parse_query("HD-000123").ticket_number == "HD-000123"
    assert parse_query("hd–7").ticket_number == "HD-000007"
    assert parse_query("Z000004").legacy_number == "Z000004"
    assert parse_query("a-b").terms == ("a", "b")
    assert parse_query("x x X").terms == ("x",)
    for text in ('"', "*", "(", "  ", "–", "\\"):
        assert parse_query(text).is_empty, text
    assert len(parse_query(" ".join(f"w{n}" for n in range(40))).terms) == 16


def test_terms_are_quoted_for_each_engine() -> None:
    assert fts5_match(("lodz", "a")) == '"lodz" * AND "a"'
    assert fts5_match(('x"y',)) == '"x""y" *'
    assert tsquery_text(("lodz", "a")) == "'lodz':* & 'a'"
    assert tsquery_text(("o'k", "b\\")) == "'o''k':* & 'b\\\\':*"


def test_polish_letters_are_folded_both_ways(
    demo_db: Database, demo_agent: Actor, found: Finder
) -> None:
    tickets = TicketService(demo_db)
    some = _open(demo_db, found("firmware"))
    tickets.reply(demo_agent, some[0], "Żółw przegryzł kabel w Łodzi, źdźbło trawy w zasilaczu.")
    tickets.add_note(demo_agent, some[1], "Notatka: ŁÓDŹ, ŻÓŁW – sprawdzić jutro")
    for typed, prefixes in [
        ("zolw", ("zolw",)),
        ("Żółw", ("zolw",)),
        ("ŻÓŁW", ("zolw",)),
        ("lodz", ("lodz",)),
        ("Łódź", ("lodz",)),
        ("zdzblo", ("zdzblo",)),
        ("łodzi", ("lodzi",)),
        ("zolw lodz", ("zolw", "lodz")),
    ]:
        expected = _expected(demo_db, *prefixes)
        assert expected, typed
        assert found(typed) == expected, typed
    assert {some[0], some[1]} <= found("zolw")
    # The subject counts too: the demo has "Nie działa filtrowanie … <b>Łódź</b>".
    with demo_db.sessions() as session:
        subject_hits = set(
            session.scalars(select(Ticket.id).where(Ticket.subject.contains("Łódź")))
        )
    assert subject_hits
    assert subject_hits <= found("lodz")


def test_words_anywhere_in_the_dialogue_and_prefixes(
    demo_db: Database, demo_agent: Actor, found: Finder
) -> None:
    for typed, prefixes in [
        ("zawieszanie", ("zawieszanie",)),
        ("zawiesz", ("zawiesz",)),
        ("RMA 4471", ("rma", "4471")),
        ("eskalowana", ("eskalowana",)),  # an internal note: staff search it too
        ("licencji fortiguard", ("licencji", "fortiguard")),
    ]:
        expected = _expected(demo_db, *prefixes)
        assert expected, typed
        assert found(typed) == expected, typed
    assert found("xyzzyq") == set()


def test_a_new_reply_is_found_at_once(demo_db: Database, demo_agent: Actor, found: Finder) -> None:
    target = _open(demo_db, found("firmware"))[0]
    assert found("przepięciowy") == set()
    TicketService(demo_db).reply(demo_agent, target, "Wymieniono ogranicznik przepięciowy.")
    assert found("przepieciowy") == {target}
    assert [t.id for t in SearchService(demo_db).search("PRZEPIĘCIOWY")] == [target]


def test_the_service_orders_many_and_few_the_same(
    demo_db: Database, few_ids: int, found: Finder
) -> None:
    expected = found("firmware")
    assert len(expected) >= 4
    limit = len(expected) // 2
    rows = SearchService(demo_db, few_tickets=few_ids).search("firmware", limit=limit)
    with demo_db.sessions() as session:
        newest = session.scalars(
            select(Ticket.id)
            .where(Ticket.id.in_(expected))
            .order_by(Ticket.updated_at.desc(), Ticket.id.desc())
            .limit(limit)
        ).all()
    assert [row.id for row in rows] == list(newest)


def test_ticket_numbers_new_and_legacy(demo_db: Database, demo_agent: Actor, found: Finder) -> None:
    with demo_db.sessions() as session:
        number_id, number = session.execute(
            select(Ticket.id, Ticket.number).order_by(Ticket.id).offset(20).limit(1)
        ).one()
        legacy_id, legacy = session.execute(
            select(Ticket.id, Ticket.legacy_number)
            .where(Ticket.legacy_number.is_not(None))
            .order_by(Ticket.id)
        ).first() or (None, None)
    assert legacy is not None
    digits = number[3:].lstrip("0")
    for typed in (number, number.lower(), f"hd {digits}", f"HD-{digits}", f" hd–{digits} "):
        assert found(typed) == {number_id}, typed
    for typed in (legacy, legacy.lower(), f" {legacy} "):
        assert legacy_id in found(typed), typed
    assert found("HD-999999") == set()
    by_service = SearchService(demo_db).search(number)
    assert [t.number for t in by_service] == [number]


@pytest.mark.parametrize("text", NASTY)
def test_odd_input_never_raises(
    demo_db: Database, demo_agent: Actor, few_ids: int, text: str
) -> None:
    listing = TicketListing(demo_db, demo_agent)
    window = listing.window(TicketFilter(search=text), few_ids=few_ids)
    assert window.first_page() is not None
    assert window.count() == len(_ids_of(window))
    SearchService(demo_db, few_tickets=few_ids).search(text)


def _ids_of(window: Window[Any]) -> list[int]:
    pages = range(-(-window.count() // window.page_size))
    return [row.id for number in pages for row in window.page(number)]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(max_size=40))
def test_any_text_is_a_valid_search(demo_db: Database, text: str) -> None:
    # Reading only: the same database serves every example.
    rows = SearchService(demo_db).search(text, limit=5)
    assert len(rows) <= 5
