"""Full-text search over ticket subjects, numbers and every message body.

SQLite: the FTS5 tables `ticket_fts` (subject, number, legacy number) and `message_fts` (body),
contentless, kept in step by triggers that fold ł/Ł to l/L; the tokenizer removes the other
diacritics. PostgreSQL: the generated `search_vector` columns in the `hezo_search`
configuration (`simple` with `unaccent`). Both are built by migration 0001.

User input is never handed to a query language as it is: it is folded (`Łódź` → `lodz`) and
cut into words of letters and digits, and each word becomes one quoted prefix term, all of
which must match. A ticket number (`HD-000123`, `hd 123`) or a legacy number typed whole also
finds its ticket directly. Input without any word (`"`, `*`, `(`) matches nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Select, column, func, literal, select, table, union
from sqlalchemy.dialects.postgresql import TSVECTOR

from hezo_desk.db import Database
from hezo_desk.models import Message, Ticket
from hezo_desk.services.normalize import clean_line, fold
from hezo_desk.services.records import TicketRow, ticket_row, ticket_select
from hezo_desk.services.tickets import parse_ticket_number

# A word: letters and digits (folded), as both FTS5's unicode61 and PostgreSQL's parser cut.
_WORD = re.compile(r"[^\W_]+")
# What a legacy ticket number may look like when typed whole: letters, digits, / . - _ #.
_LEGACY_NUMBER = re.compile(r"^(?=.*[^\W_])[\w/.#-]{2,64}$")
# Shorter words match whole only: a one-letter prefix would match nearly every message.
MIN_PREFIX_LENGTH = 2
# More words than this add nothing but cost; the rest are ignored.
MAX_TERMS = 16
MAX_QUERY_LENGTH = 500
DEFAULT_LIMIT = 50

_ticket_fts = table("ticket_fts", column("rowid"), column("ticket_fts"))
_message_fts = table("message_fts", column("rowid"), column("message_fts"))
_ticket_vectors = table("tickets", column("id"), column("search_vector", TSVECTOR))
_message_vectors = table(
    "messages", column("id"), column("ticket_id"), column("search_vector", TSVECTOR)
)


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


def printable_line(text: str) -> str:
    """User input as one line, without control characters (PostgreSQL refuses NUL in text)."""
    return clean_line("".join(char if char.isprintable() else " " for char in text))


def parse_query(text: str) -> SearchQuery:
    """Read any user input as a search; never raises."""
    cleaned = printable_line(text)[:MAX_QUERY_LENGTH]
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
    def __init__(self, db: Database) -> None:
        self._db = db

    def ticket_ids(self, query: SearchQuery) -> Select[int]:
        """A select of the ids of the tickets the query finds (to use as a filter)."""
        if query.ticket_number is not None:
            # One of our numbers is exact; its words (`hd`, `000123`) would match every ticket.
            return select(Ticket.id).where(Ticket.number == query.ticket_number)
        selects: list[Select[int]] = []
        if query.legacy_number is not None:
            legacy = {query.legacy_number, query.legacy_number.upper()}
            selects.append(select(Ticket.id).where(Ticket.legacy_number.in_(legacy)))
        if query.terms:
            selects.extend(self._full_text(query.terms))
        if not selects:
            # Nothing to look for finds nothing (and stays a valid subquery).
            return select(Ticket.id).where(literal(False))
        if len(selects) == 1:
            return selects[0]
        return select(union(*selects).subquery().c[0])

    def search(self, text: str, *, limit: int = DEFAULT_LIMIT) -> list[TicketRow]:
        """The tickets the text finds, most recently changed first."""
        query = parse_query(text)
        if query.is_empty:
            return []
        # The ids first (one narrow sorted read), then the joined rows of those only.
        ids = (
            select(Ticket.id)
            .where(Ticket.id.in_(self.ticket_ids(query)))
            .order_by(Ticket.updated_at.desc(), Ticket.id.desc())
            .limit(limit)
        )
        with self._db.sessions() as session:
            found = list(session.scalars(ids))
            rows = {
                row[0]: row for row in session.execute(ticket_select().where(Ticket.id.in_(found)))
            }
            return [ticket_row(rows[ticket_id]) for ticket_id in found if ticket_id in rows]

    def _full_text(self, terms: tuple[str, ...]) -> list[Select[int]]:
        if self._db.is_sqlite:
            match = fts5_match(terms)
            in_tickets = select(_ticket_fts.c.rowid).where(_ticket_fts.c.ticket_fts.match(match))
            in_messages = select(Message.ticket_id).where(
                Message.id.in_(
                    select(_message_fts.c.rowid).where(_message_fts.c.message_fts.match(match))
                )
            )
            return [in_tickets, in_messages]
        # SQLAlchemy casts the first argument to REGCONFIG.
        tsquery = func.to_tsquery("hezo_search", tsquery_text(terms))
        return [
            select(_ticket_vectors.c.id).where(_ticket_vectors.c.search_vector.op("@@")(tsquery)),
            select(_message_vectors.c.ticket_id).where(
                _message_vectors.c.search_vector.op("@@")(tsquery)
            ),
        ]
