"""A legal message of up to 1,000,000 characters is stored whole, found by its beginning, and
printed whole; PostgreSQL's tsvector (1 MB of lexemes) no longer refuses it.

The index covers a bounded prefix of each message (revision 0011_bounded_search_text) on both
databases; the text is Cyrillic words, two bytes a letter, which unaccent does not fold: the
0001 cut at 500,000 characters made more than 1 MB of them and the message could not be saved.
"""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from pypdf import PdfReader
from sqlalchemy import insert, select, text

from hezo_desk.db import Database, alembic_config
from hezo_desk.enums import MessageKind
from hezo_desk.models import Attachment, Message, Ticket, utcnow
from hezo_desk.services.actor import Actor
from hezo_desk.services.legacy_import import DIALOGUE_KIND, RunStatus
from hezo_desk.services.search import SearchService, parse_query
from hezo_desk.services.tickets import MAX_MESSAGE_LENGTH, TicketService
from legacy_support import SAMPLE, back_office, run_import

INDEXED_CHARACTERS = 100_000
BOUNDED_SEARCH = "0011_bounded_search_text"
LETTERS = "абвгдежзийклмнопрстуфхцчшщыэюя"
START, MIDDLE = "początekwyjątkowy", "środkowesłowo"


def _long_body(length: int, seed: int = 12) -> str:
    """Distinct words (so the lexemes are many), START first and MIDDLE past the prefix."""
    rng = random.Random(seed)
    words = [START]
    size = len(START)
    while size < length:
        word = "".join(rng.choice(LETTERS) for _ in range(rng.randrange(4, 13)))
        words.append(word)
        size += len(word) + 1
    body = " ".join(words)[:length]
    middle_at = body.index(" ", INDEXED_CHARACTERS * 3) + 1
    body = body[:middle_at] + MIDDLE + " " + body[middle_at + len(MIDDLE) + 1 :]
    assert len(body) == length
    return body


def _open_ticket(db: Database) -> int:
    with db.sessions() as session:
        ticket_id = session.scalar(
            select(Ticket.id).where(Ticket.state.in_(["new", "in_progress"])).order_by(Ticket.id)
        )
    assert ticket_id is not None
    return ticket_id


def _found(db: Database, words: str) -> set[int]:
    """The tickets the search matches, by id only (a downgraded schema lacks later columns)."""
    service = SearchService(db)
    with db.sessions() as session:
        return set(session.scalars(service.ticket_ids(parse_query(words))))


def test_a_reply_of_990000_characters_is_stored_whole_and_found_by_its_beginning(
    demo_db: Database, demo_agent: Actor
) -> None:
    ticket_id = _open_ticket(demo_db)
    body = _long_body(990_000)
    assert len(body) <= MAX_MESSAGE_LENGTH
    written = TicketService(demo_db).reply(demo_agent, ticket_id, body)
    with demo_db.sessions() as session:
        stored = session.scalar(select(Message.body).where(Message.id == written.id))
    assert stored == body
    assert ticket_id in _found(demo_db, START)
    # Indexed in part: a word only past the indexed prefix does not find the message.
    assert ticket_id not in _found(demo_db, MIDDLE)


def _migrate(db: Database, revision: str, *, down: bool = False) -> None:
    config = alembic_config()
    with db.engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def _before_bounded_search() -> str:
    """The revision just before 0011 (the schema the ticket service of then worked on)."""
    revision = ScriptDirectory.from_config(alembic_config()).get_revision(BOUNDED_SEARCH)
    assert revision is not None
    assert isinstance(revision.down_revision, str)
    return revision.down_revision


def test_the_revision_moves_long_messages_to_the_prefix_and_back(
    demo_db: Database, demo_agent: Actor
) -> None:
    """Down before 0011 a long message (one the old rule could index: ASCII words) is indexed as
    before, whole on SQLite; up again it is indexed by its prefix, and the index holds no
    stale entry (SQLite's contentless index must be told the values it was given)."""
    ticket_id = _open_ticket(demo_db)
    ascii_body = "poczatek " + "slowo " * (INDEXED_CHARACTERS // 6) + "dalekiekoncowe " + "x" * 10
    _migrate(demo_db, _before_bounded_search(), down=True)
    # Written as a desk of that revision would (today's ticket model has later columns).
    with demo_db.transaction() as session:
        session.execute(
            insert(Message).values(
                ticket_id=ticket_id,
                kind=MessageKind.AGENT,
                author_name=demo_agent.display_name,
                author_agent_id=demo_agent.id,
                body=ascii_body,
                created_at=utcnow(),
            )
        )
    assert ticket_id in _found(demo_db, "dalekiekoncowe")
    _migrate(demo_db, "head")
    assert ticket_id in _found(demo_db, "poczatek")
    assert ticket_id not in _found(demo_db, "dalekiekoncowe")
    if demo_db.is_sqlite:
        with demo_db.engine.connect() as connection:
            check = "INSERT INTO message_fts (message_fts) VALUES ('integrity-check')"
            connection.execute(text(check))
    _migrate(demo_db, _before_bounded_search(), down=True)
    assert ticket_id in _found(demo_db, "dalekiekoncowe")
    _migrate(demo_db, "head")
    assert ticket_id not in _found(demo_db, "dalekiekoncowe")
    assert ticket_id in _found(demo_db, "poczatek")


def test_a_legacy_message_of_990000_characters_is_imported_whole_and_printed(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    shutil.copytree(SAMPLE, folder)
    body = _long_body(990_000)
    with (folder / "messages.csv").open("a", encoding="utf-8") as stream:
        stream.write(f'M0999999;Z000005;19.04.2022 08:00;Anna Nowak;klient;"{body}"\n')
    report = run_import(db, back_office(db, admin), folder)
    assert report.status is RunStatus.COMPLETED
    assert all(entry.legacy_id != "M0999999" for entry in report.rejected)
    with db.sessions() as session:
        stored = session.scalar(select(Message.body).where(Message.legacy_id == "M0999999"))
        pdf = session.scalar(
            select(Attachment.data)
            .join(Ticket, Ticket.id == Attachment.ticket_id)
            .where(Ticket.legacy_number == "Z000005", Attachment.kind == DIALOGUE_KIND)
        )
    assert stored == body
    assert pdf is not None
    pages = PdfReader(io.BytesIO(pdf)).pages
    # Every word is printed: the last ones end the dialogue, on one of its last pages.
    last_words = body.rsplit(" ", 3)[-3:-1]
    tail = "".join(page.extract_text() for page in pages[-3:])
    assert all(word in tail for word in last_words), last_words
    assert len(pages) > 100
