"""Full-text search: Polish letters folded, numbers new and legacy, any input safe.

The expected tickets come from the words of the subjects and messages themselves, cut and
folded in Python, not from the search's own SQL.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hezo_desk.db import Database
from hezo_desk.models import Message, Ticket
from hezo_desk.services import listing
from hezo_desk.services.actor import Actor
from hezo_desk.services.listing import TicketFilter, TicketListing
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


@pytest.fixture(autouse=True, params=["few", "many"])
def matches(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a list orders what a search found: by id (few), or as a set of its own."""
    if request.param == "many":
        monkeypatch.setattr(listing, "FEW_IDS", 0)
    return str(request.param)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", fold(text)))


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


def _found(db: Database, actor: Actor, text: str) -> set[int]:
    window = TicketListing(db, actor).window(TicketFilter(search=text), page_size=50)
    ids = {row.id for number in range(window.page_count) for row in window.page(number)}
    assert len(ids) == window.count()
    return ids


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


def test_polish_letters_are_folded_both_ways(demo_db: Database, demo_agent: Actor) -> None:
    tickets = TicketService(demo_db)
    some = sorted(_found(demo_db, demo_agent, "firmware"))
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
        assert _found(demo_db, demo_agent, typed) == expected, typed
    assert {some[0], some[1]} <= _found(demo_db, demo_agent, "zolw")
    # The subject counts too: the demo has "Nie działa filtrowanie … <b>Łódź</b>".
    with demo_db.sessions() as session:
        subject_hits = set(
            session.scalars(select(Ticket.id).where(Ticket.subject.contains("Łódź")))
        )
    assert subject_hits
    assert subject_hits <= _found(demo_db, demo_agent, "lodz")


def test_words_anywhere_in_the_dialogue_and_prefixes(demo_db: Database, demo_agent: Actor) -> None:
    for typed, prefixes in [
        ("zawieszanie", ("zawieszanie",)),
        ("zawiesz", ("zawiesz",)),
        ("RMA 4471", ("rma", "4471")),
        ("eskalowana", ("eskalowana",)),  # an internal note: staff search it too
        ("licencji fortiguard", ("licencji", "fortiguard")),
    ]:
        expected = _expected(demo_db, *prefixes)
        assert expected, typed
        assert _found(demo_db, demo_agent, typed) == expected, typed
    assert _found(demo_db, demo_agent, "xyzzyq") == set()


def test_a_new_reply_is_found_at_once(demo_db: Database, demo_agent: Actor) -> None:
    target = min(_found(demo_db, demo_agent, "firmware"))
    assert _found(demo_db, demo_agent, "przepięciowy") == set()
    TicketService(demo_db).reply(demo_agent, target, "Wymieniono ogranicznik przepięciowy.")
    assert _found(demo_db, demo_agent, "przepieciowy") == {target}
    assert [t.id for t in SearchService(demo_db).search("PRZEPIĘCIOWY")] == [target]


def test_ticket_numbers_new_and_legacy(demo_db: Database, demo_agent: Actor) -> None:
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
        assert _found(demo_db, demo_agent, typed) == {number_id}, typed
    for typed in (legacy, legacy.lower(), f" {legacy} "):
        assert legacy_id in _found(demo_db, demo_agent, typed), typed
    assert _found(demo_db, demo_agent, "HD-999999") == set()
    found = SearchService(demo_db).search(number)
    assert [t.number for t in found] == [number]


@pytest.mark.parametrize("text", NASTY)
def test_odd_input_never_raises(demo_db: Database, demo_agent: Actor, text: str) -> None:
    listing = TicketListing(demo_db, demo_agent)
    window = listing.window(TicketFilter(search=text))
    assert window.count() == len(_ids_of(window))
    SearchService(demo_db).search(text)


def _ids_of(window: object) -> list[int]:
    pages = range(window.page_count)  # type: ignore[attr-defined]
    return [row.id for number in pages for row in window.page(number)]  # type: ignore[attr-defined]


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
