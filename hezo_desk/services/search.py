"""Full-text search over ticket subjects, numbers and every message body.

SQLite: the FTS5 tables `ticket_fts` (subject, number, legacy number) and `message_fts` (body),
contentless, kept in step by triggers that fold ł/Ł to l/L; the tokenizer removes the other
diacritics. PostgreSQL: the generated `search_vector` columns in the `hezo_search`
configuration (`simple` with `unaccent`). Both are built by migration 0001; since
0011_bounded_search_text both index a message by its first 100,000 characters (PostgreSQL's
tsvector holds at most 1 MB), so a word only further into a very long message does not find it.

User input is never handed to a query language as it is: it is folded (`Łódź` → `lodz`) and
cut into words of letters and digits, and each word becomes one quoted prefix term, all of
which must match. A ticket number (`HD-000123`, `hd 123`) or a legacy number typed whole also
finds its ticket directly. Input without any word (`"`, `*`, `(`) matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    column,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    union,
)
from sqlalchemy.dialects.postgresql import TSVECTOR

from hezo_desk.db import Database
from hezo_desk.models import Message, Ticket
from hezo_desk.services.limits import SEARCH_QUERY_LENGTH
from hezo_desk.services.normalize import fold, printable_line
from hezo_desk.services.records import TicketRow, ticket_row, ticket_select
from hezo_desk.services.ticket_numbers import parse_ticket_number

# A word: letters and digits (folded), as both FTS5's unicode61 and PostgreSQL's parser cut.
_WORD = re.compile(r"[^\W_]+")
# What a legacy ticket number may look like when typed whole: letters, digits, / . - _ #.
_LEGACY_NUMBER = re.compile(r"^(?=.*[^\W_])[\w/.#-]{2,64}$")
# Shorter words match whole only: a one-letter prefix would match nearly every message.
MIN_PREFIX_LENGTH = 2
# More words than this add nothing but cost; the rest are ignored.
MAX_TERMS = 16
DEFAULT_LIMIT = 50
# Ids a search may find and still count as few: those are read by id; more, and the sorted
# tickets are walked and each is tested, as a common word is met within a few pages.
FEW_TICKETS = 2_000
# Matches read per ticket allowed while telling few tickets from many (messages per ticket).
_MATCHES_PER_TICKET = 8

_ticket_fts = table("ticket_fts", column("rowid"), column("ticket_fts"))
_message_fts = table("message_fts", column("rowid"), column("message_fts"))
_ticket_vectors = table("tickets", column("id"), column("search_vector", TSVECTOR))
_message_vectors = table(
    "messages", column("id"), column("ticket_id"), column("search_vector", TSVECTOR)
)
# The vector of the ticket a test is about: the outer query's own `tickets` row.
_outer_ticket_vector = literal_column("tickets.search_vector", TSVECTOR)


@dataclass(frozen=True)
class SearchQuery:
    """What a search box's text was read as."""

    text: str
    # Folded words; each must occur in the subject, the numbers or one message of a ticket.
    terms: tuple[str, ...]
    # `HD-000123` when the text is one of our ticket numbers in any spelling.
    ticket_number: str | None
    # The text as a legacy number could be written (no spaces), for an exact match.
    legacy_number: str | None

    @property
    def is_empty(self) -> bool:
        """Nothing to search for: no word and no number (the text was blank or punctuation)."""
        return not self.terms and self.ticket_number is None and self.legacy_number is None


def parse_query(text: str) -> SearchQuery:
    """Read any user input as a search; never raises."""
    cleaned = printable_line(text)[:SEARCH_QUERY_LENGTH]
    terms: list[str] = []
    for word in _WORD.findall(fold(cleaned)):
        if word not in terms:
            terms.append(word)
    compact = "".join(cleaned.split())
    return SearchQuery(
        text=cleaned,
        terms=tuple(terms[:MAX_TERMS]),
        ticket_number=parse_ticket_number(cleaned),
        legacy_number=compact if _LEGACY_NUMBER.match(compact) else None,
    )


def fts5_match(terms: tuple[str, ...]) -> str:
    """An FTS5 MATCH expression: each term quoted (inner quotes doubled), prefix-matched."""
    parts = []
    for term in terms:
        quoted = '"' + term.replace('"', '""') + '"'
        parts.append(quoted + " *" if len(term) >= MIN_PREFIX_LENGTH else quoted)
    return " AND ".join(parts)


def tsquery_text(terms: tuple[str, ...]) -> str:
    """A `to_tsquery` text: each term a quoted lexeme (quotes and backslashes escaped), prefix."""
    parts = []
    for term in terms:
        quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
        parts.append(quoted + ":*" if len(term) >= MIN_PREFIX_LENGTH else quoted)
    return " & ".join(parts)


class SearchService:
    def __init__(self, db: Database, *, few_tickets: int = FEW_TICKETS) -> None:
        self._db = db
        self._few_tickets = few_tickets

    def ticket_ids(self, query: SearchQuery) -> Select[int]:
        """A select of the ids of the tickets the query finds (to use as a filter)."""
        selects = self._match_streams(query)
        if not selects:
            # Nothing to look for finds nothing (and stays a valid subquery).
            return select(Ticket.id).where(literal(False))
        if len(selects) == 1:
            return selects[0]
        return select(union(*selects).subquery().c[0])

    def matches(self, query: SearchQuery) -> ColumnElement[bool]:
        """The same filter as `ticket_ids`, as a test of the outer query's `tickets` row.

        For walking tickets in a sorted order until a page is full: cheap per ticket (an
        indexed look at its own messages), so worth it when many tickets match.
        """
        if query.ticket_number is not None:
            return Ticket.number == query.ticket_number
        tests: list[ColumnElement[bool]] = [
            Ticket.legacy_number.in_(ids) for ids in self._number_ids(query)
        ]
        if query.terms and self._db.is_sqlite:
            match = fts5_match(query.terms)
            in_subject = select(_ticket_fts.c.rowid).where(_ticket_fts.c.ticket_fts.match(match))
            in_bodies = select(_message_fts.c.rowid).where(_message_fts.c.message_fts.match(match))
            tests.append(Ticket.id.in_(in_subject))
            # The set of matching messages is read once per query, then looked up by id.
            tests.append(exists().where(Message.ticket_id == Ticket.id, Message.id.in_(in_bodies)))
        elif query.terms:
            tsquery = func.to_tsquery("hezo_search", tsquery_text(query.terms))
            tests.append(_outer_ticket_vector.op("@@")(tsquery))
            tests.append(
                exists().where(
                    _message_vectors.c.ticket_id == Ticket.id,
                    _message_vectors.c.search_vector.op("@@")(tsquery),
                )
            )
        return or_(*tests) if tests else false()

    def few_ticket_ids(
        self, connection: Connection, query: SearchQuery, most: int
    ) -> list[int] | None:
        """The ids of the tickets the query finds when there are at most `most`; else None.

        Reads a bounded number of matches (a plain LIMIT, which both databases plan with
        their full-text index), so telling a common word from a rare one costs little.
        """
        found: set[int] = set()
        cap = (most + 1) * _MATCHES_PER_TICKET
        for statement in self._match_streams(query):
            matched = list(connection.execute(statement.limit(cap)).scalars())
            found.update(matched)
            if len(found) > most:
                return None
            if len(matched) == cap:
                # Many matches in few tickets (long dialogues): count the tickets themselves.
                found.update(connection.execute(statement.distinct().limit(most + 1)).scalars())
                if len(found) > most:
                    return None
        return sorted(found)

    def search(self, text: str, *, limit: int = DEFAULT_LIMIT) -> list[TicketRow]:
        """The tickets the text finds, most recently changed first."""
        query = parse_query(text)
        if query.is_empty:
            return []
        with self._db.sessions() as session:
            # The ids first (one narrow sorted read), then the joined rows of those only.
            few = self.few_ticket_ids(session.connection(), query, self._few_tickets)
            ids = select(Ticket.id).where(
                self.matches(query) if few is None else Ticket.id.in_(few)
            )
            ordered = ids.order_by(Ticket.updated_at.desc(), Ticket.id.desc()).limit(limit)
            found = list(session.scalars(ordered))
            rows = {
                row[0]: row for row in session.execute(ticket_select().where(Ticket.id.in_(found)))
            }
            return [ticket_row(rows[ticket_id]) for ticket_id in found if ticket_id in rows]

    def _number_ids(self, query: SearchQuery) -> Iterable[set[str]]:
        """The legacy numbers the text may be (as typed, and upper-case)."""
        if query.legacy_number is not None:
            yield {query.legacy_number, query.legacy_number.upper()}

    def _match_streams(self, query: SearchQuery) -> list[Select[Any]]:
        """Selects of matching ticket ids (with repeats), each quick to cut short by a LIMIT."""
        if query.ticket_number is not None:
            # One of our numbers is exact; its words (`hd`, `000123`) would match every ticket.
            return [select(Ticket.id).where(Ticket.number == query.ticket_number)]
        streams = [
            select(Ticket.id).where(Ticket.legacy_number.in_(ids))
            for ids in self._number_ids(query)
        ]
        if not query.terms:
            return streams
        if self._db.is_sqlite:
            match = fts5_match(query.terms)
            streams.append(select(_ticket_fts.c.rowid).where(_ticket_fts.c.ticket_fts.match(match)))
            streams.append(
                select(Message.ticket_id)
                .select_from(_message_fts)
                .join(Message, Message.id == _message_fts.c.rowid)
                .where(_message_fts.c.message_fts.match(match))
            )
            return streams
        tsquery = func.to_tsquery("hezo_search", tsquery_text(query.terms))
        streams.append(
            select(_ticket_vectors.c.id).where(_ticket_vectors.c.search_vector.op("@@")(tsquery))
        )
        streams.append(
            select(_message_vectors.c.ticket_id).where(
                _message_vectors.c.search_vector.op("@@")(tsquery)
            )
        )
        return streams
