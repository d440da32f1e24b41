"""Shared mode: no lost or doubled work when agents collide or the connection breaks."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import OperationalError

from hezo_desk.db import Database
from hezo_desk.enums import Priority, Role, TicketState
from hezo_desk.models import AuditEntry, Message, Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.change_feed import ChangeFeed
from hezo_desk.services.postgres_listener import PostgresListener
from hezo_desk.services.presence import PresenceService
from hezo_desk.services.resilience import is_transient, retry
from hezo_desk.services.ticket_conflicts import TicketConflictError
from hezo_desk.services.tickets import TicketChange, TicketService
from waiting import WAIT_S, wait_until


def _open_ticket(db: Database) -> int:
    with db.sessions() as session:
        found = session.scalar(
            select(Ticket.id).where(Ticket.state == TicketState.NEW).order_by(Ticket.id).limit(1)
        )
    assert found is not None
    return found


def _messages_with(db: Database, body: str) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count(Message.id)).where(Message.body == body)) or 0)


def test_a_retried_reply_with_the_same_key_lands_once(demo_db: Database, demo_agent: Actor) -> None:
    service = TicketService(demo_db)
    ticket_id = _open_ticket(demo_db)
    first = service.reply(demo_agent, ticket_id, "Odpowiedź jeden raz", client_key="k-1")
    again = service.reply(demo_agent, ticket_id, "Odpowiedź jeden raz", client_key="k-1")
    assert first.id == again.id
    assert _messages_with(demo_db, "Odpowiedź jeden raz") == 1


def test_two_agents_replying_at_once_both_land_in_order(demo_db: Database) -> None:
    ticket_id = _open_ticket(demo_db)
    anna = AgentService(demo_db).resolve("anna.nowak")
    jan = AgentService(demo_db).resolve("jan.kowalski")
    errors: list[BaseException] = []

    def reply(actor: Actor, n: int) -> None:
        try:
            for i in range(n):
                TicketService(demo_db).reply(actor, ticket_id, f"{actor.login} {i}")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=reply, args=(a, 10)) for a in (anna, jan)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    messages = TicketService(demo_db).detail(ticket_id).messages
    bodies = [m.body for m in messages]
    for login in ("anna.nowak", "jan.kowalski"):
        mine = [b for b in bodies if b.startswith(login)]
        assert mine == [f"{login} {i}" for i in range(10)]
    times = [m.created_at for m in messages]
    assert times == sorted(times), "the dialogue is in time order"


def test_a_retried_change_that_already_landed_is_not_a_conflict(
    demo_db: Database, demo_agent: Actor
) -> None:
    service = TicketService(demo_db)
    ticket_id = _open_ticket(demo_db)
    seen = service.row(ticket_id)
    change = TicketChange(state=TicketState.IN_PROGRESS)
    service.change(demo_agent, ticket_id, change, expected_version=seen.version)
    repeated = service.change(demo_agent, ticket_id, change, expected_version=seen.version)
    assert repeated.state is TicketState.IN_PROGRESS
    assert repeated.version == seen.version + 1, "applied once"
    with pytest.raises(TicketConflictError):
        service.change(
            demo_agent,
            ticket_id,
            TicketChange(
                priority=Priority.CRITICAL
                if seen.priority is not Priority.CRITICAL
                else Priority.LOW
            ),
            expected_version=seen.version,
        )


def test_the_change_feed_names_changed_tickets(demo_db: Database, demo_agent: Actor) -> None:
    feed = ChangeFeed(demo_db)
    start = feed.position()
    assert start.last_id == feed.latest_id()
    assert feed.since(start).ticket_ids == frozenset()
    ticket_id = _open_ticket(demo_db)
    TicketService(demo_db).add_note(demo_agent, ticket_id, "notatka")
    batch = feed.since(start)
    assert batch.ticket_ids == frozenset({ticket_id})
    assert not batch.others
    assert not batch.overflow
    assert batch.position.last_id > start.last_id
    again = feed.since(batch.position)
    assert again.ticket_ids == frozenset()
    assert not again.others
    AgentService(demo_db).add(
        AgentService(demo_db).resolve("admin"),
        login="nowy.agent",
        display_name="Nowy Agent",
        role=Role.AGENT,
    )
    other = feed.since(again.position)
    assert other.others, "a change of no ticket is told apart"
    assert other.ticket_ids == frozenset()


def test_the_change_feed_sees_a_lower_id_committed_last(pg_demo_db: Database, anna: Actor) -> None:
    """Two transactions: A takes the lower audit id and commits after B, whose higher id the
    feed has read meanwhile. The next read still returns A's ticket."""
    feed = ChangeFeed(pg_demo_db)
    start = feed.position()
    with pg_demo_db.sessions() as session:
        first, second = session.scalars(
            select(Ticket.id).where(Ticket.state == TicketState.NEW).order_by(Ticket.id).limit(2)
        ).all()
    # A writes around the desk (no write lock at BEGIN, no chain): the desk's own writers line
    # up, but the feed must not depend on every writer of the database being the desk.
    with pg_demo_db.sessions() as a, a.begin():
        entry = AuditEntry(
            agent_id=anna.id, action="ticket.note_added", ticket_id=first, summary="A"
        )
        a.add(entry)
        a.flush()
        a_id = entry.id
        TicketService(pg_demo_db).add_note(anna, second, "B commits first")
        seen_b = feed.since(start)
        assert seen_b.ticket_ids == frozenset({second})
        assert seen_b.position.last_id > a_id, "ids alone would now skip A for good"
    seen_a = feed.since(seen_b.position)
    assert seen_a.ticket_ids == frozenset({first})
    assert feed.since(seen_a.position).ticket_ids == frozenset(), "each change once"


def test_presence_shows_who_else_has_a_ticket_open(demo_db: Database) -> None:
    presence = PresenceService(demo_db)
    anna = AgentService(demo_db).resolve("anna.nowak")
    jan = AgentService(demo_db).resolve("jan.kowalski")
    ticket_id = _open_ticket(demo_db)
    presence.heartbeat(anna.id, ticket_id)
    presence.heartbeat(jan.id, ticket_id)
    presence.heartbeat(jan.id, ticket_id)
    assert presence.viewers(ticket_id, except_agent_id=anna.id) == ["Jan Kowalski"]
    presence.leave(jan.id, ticket_id)
    assert presence.viewers(ticket_id, except_agent_id=anna.id) == []


def test_transient_faults_are_told_from_real_errors() -> None:
    """By code, never by text: the full table is in tests/test_faults.py."""
    lost = OperationalError("COMMIT", {}, psycopg.errors.AdminShutdown("połączenie przerwane"))
    syntax = OperationalError("SELECT", {}, psycopg.errors.SyntaxError("błąd składni"))
    assert is_transient(lost)
    assert not is_transient(syntax)
    # English text alone proves nothing either way.
    assert not is_transient(OperationalError("X", {}, Exception("database is locked")))
    attempts: list[int] = []

    def flaky() -> str:
        attempts.append(1)
        if len(attempts) < 3:
            raise lost
        return "ok"

    assert retry(flaky, delays=(0, 0, 0), sleep=lambda _s: None) == "ok"
    with pytest.raises(OperationalError):
        retry(lambda: (_ for _ in ()).throw(syntax), delays=(0,), sleep=lambda _s: None)


# ----- PostgreSQL faults ----------------------------------------------------------------------


@pytest.fixture
def anna(pg_demo_db: Database) -> Actor:
    return AgentService(pg_demo_db).resolve("anna.nowak")


def test_a_postgresql_notification_arrives_on_commit_and_names_nothing(
    pg_demo_db: Database, anna: Actor
) -> None:
    url = pg_demo_db.url.set(drivername="postgresql").render_as_string(hide_password=False)
    # Any role may LISTEN: what it hears must tell it nothing (issue 12).
    with psycopg.connect(url, autocommit=True) as eavesdropper:
        eavesdropper.execute("LISTEN hezo_desk_changes")
        listener = PostgresListener(pg_demo_db.url)
        listener.open()
        try:
            with pg_demo_db.sessions() as session:
                looked_at = session.scalar(select(func.max(Ticket.id)))
            assert looked_at is not None
            PresenceService(pg_demo_db).heartbeat(anna.id, looked_at)
            ticket_id = _open_ticket(pg_demo_db)
            TicketService(pg_demo_db).add_note(anna, ticket_id, "ktoś zmienił")
            wait_until(lambda: listener.wait(0.5), what="the notification")
        finally:
            listener.close()
        payloads = [notice.payload for notice in eavesdropper.notifies(timeout=0.5)]
    assert payloads, "the commits were notified"
    assert set(payloads) == {""}, "a notification names no ticket, no one looking at one"


def test_a_connection_killed_before_commit_is_retried_without_doubling(
    pg_demo_db: Database, anna: Actor
) -> None:
    ticket_id = _open_ticket(pg_demo_db)
    killed: list[int] = []
    admin = Database(pg_demo_db.url)

    @event.listens_for(pg_demo_db.engine, "commit")
    def kill_first_commit(connection: object) -> None:
        if killed:
            return
        pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()  # type: ignore[attr-defined]
        with admin.engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        killed.append(int(pid))

    try:
        row = retry(
            lambda: TicketService(pg_demo_db).reply(
                anna, ticket_id, "po awarii", client_key="crash-1"
            ),
            delays=(0.2, 0.5, 1.0),
        )
    finally:
        event.remove(pg_demo_db.engine, "commit", kill_first_commit)
        admin.dispose()
    assert killed
    assert row.body == "po awarii"
    assert _messages_with(pg_demo_db, "po awarii") == 1


class _CommitDroppingProxy:
    """A TCP proxy to PostgreSQL that, once, forwards a COMMIT and then cuts the connection
    before the server's answer reaches the client: the save landed, the client cannot know."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.dropped = threading.Event()
        self.loop = asyncio.new_event_loop()
        self.server: asyncio.base_events.Server | None = None
        self.port = 0
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> _CommitDroppingProxy:
        self.thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self.loop)
        self.port = future.result(WAIT_S)
        return self

    def __exit__(self, *_exc: object) -> None:
        async def stop() -> None:
            if self.server is not None:
                self.server.close()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(WAIT_S)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(WAIT_S)
        self.loop.close()

    async def _start(self) -> int:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        return int(self.server.sockets[0].getsockname()[1])

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        cut, answered = asyncio.Event(), asyncio.Event()

        async def server_to_client() -> None:
            with contextlib.suppress(ConnectionError):
                while data := await upstream_reader.read(65536):
                    if cut.is_set():
                        break  # the answer to the COMMIT: it goes nowhere
                    writer.write(data)
                    await writer.drain()
            answered.set()

        relay = asyncio.create_task(server_to_client())
        try:
            startup = await reader.readexactly(4)
            length = int.from_bytes(startup, "big")
            body = await reader.readexactly(length - 4)
            upstream_writer.write(startup + body)
            if body[:4] == (80877103).to_bytes(4, "big"):  # SSLRequest: say no, then startup
                pass
            committing = False
            while True:
                kind = await reader.readexactly(1)
                size = await reader.readexactly(4)
                payload = await reader.readexactly(int.from_bytes(size, "big") - 4)
                if (
                    not self.dropped.is_set()
                    and kind in (b"Q", b"P")
                    and b"COMMIT" in payload.upper()
                ):
                    self.dropped.set()
                    cut.set()  # before the server can answer
                    committing = True
                upstream_writer.write(kind + size + payload)
                await upstream_writer.drain()
                if committing and kind in (b"Q", b"S"):  # the COMMIT (and its Sync) is sent
                    # The server answers once it has committed: only then is the line cut.
                    await asyncio.wait_for(answered.wait(), WAIT_S)
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            cut.set()
            relay.cancel()
            for stream in (writer, upstream_writer):
                with contextlib.suppress(Exception):
                    stream.close()


@pytest.fixture
def proxied(pg_demo_db: Database) -> Iterator[tuple[Database, _CommitDroppingProxy]]:
    url = pg_demo_db.url
    with _CommitDroppingProxy(url.host or "127.0.0.1", url.port or 5432) as proxy:
        db = Database(url.set(host="127.0.0.1", port=proxy.port, query={"sslmode": "disable"}))
        yield db, proxy
        db.dispose()


def test_a_reply_whose_commit_answer_was_lost_is_not_written_twice(
    proxied: tuple[Database, _CommitDroppingProxy], pg_demo_db: Database, anna: Actor
) -> None:
    db, proxy = proxied
    ticket_id = _open_ticket(pg_demo_db)
    attempts: list[BaseException] = []
    row = retry(
        lambda: TicketService(db).reply(anna, ticket_id, "zapisane raz", client_key="lost-ack-1"),
        delays=(0.2, 0.5, 1.0),
        on_retry=lambda error, _p: attempts.append(error),
    )
    assert proxy.dropped.is_set(), "the proxy cut a COMMIT"
    assert attempts, "the first attempt failed from the client's point of view"
    assert row.body == "zapisane raz"
    assert _messages_with(pg_demo_db, "zapisane raz") == 1


def test_a_change_whose_commit_answer_was_lost_is_applied_once(
    proxied: tuple[Database, _CommitDroppingProxy], pg_demo_db: Database, anna: Actor
) -> None:
    db, proxy = proxied
    ticket_id = _open_ticket(pg_demo_db)
    seen = TicketService(pg_demo_db).row(ticket_id)
    row = retry(
        lambda: TicketService(db).change(
            anna,
            ticket_id,
            TicketChange(state=TicketState.IN_PROGRESS),
            expected_version=seen.version,
        ),
        delays=(0.2, 0.5, 1.0),
    )
    assert proxy.dropped.is_set()
    assert row.state is TicketState.IN_PROGRESS
    assert TicketService(pg_demo_db).row(ticket_id).version == seen.version + 1


def test_the_proxy_itself_is_transparent(pg_demo_db: Database) -> None:
    """Sanity: without a COMMIT the proxy passes everything (so failures above are real)."""
    url = pg_demo_db.url
    with _CommitDroppingProxy(url.host or "127.0.0.1", url.port or 5432) as proxy:
        db = Database(url.set(host="127.0.0.1", port=proxy.port, query={"sslmode": "disable"}))
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
        db.dispose()


def test_a_locked_sqlite_file_is_reported_and_the_save_retried(sqlite_demo_db: Database) -> None:
    import sqlite3

    db = sqlite_demo_db
    agent = AgentService(db).resolve("anna.nowak")
    impatient = Database(db.url, sqlite_busy_timeout_ms=100)
    ticket_id = _open_ticket(db)
    told: list[str] = []
    # Another program holds the file's write lock for a moment.
    holder = sqlite3.connect(str(db.url.database), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.8, lambda: (holder.rollback(), holder.close()))
    release.start()
    try:
        from hezo_desk.services.resilience import plain_words

        row = retry(
            lambda: TicketService(impatient).reply(
                agent, ticket_id, "mimo blokady", client_key="lock-1"
            ),
            delays=(0.3, 0.5, 1.0, 2.0),
            on_retry=lambda error, _pause: told.append(plain_words(error)),
        )
    finally:
        release.join()
        impatient.dispose()
    assert told
    assert told[0] == "the database file is locked by another program; trying again"
    assert row.body == "mimo blokady"
    assert _messages_with(db, "mimo blokady") == 1


def test_retry_pauses_vary_around_their_schedule() -> None:
    """Desks that lost the server together must not all come back at the same instant."""
    from sqlalchemy.exc import OperationalError

    lost = OperationalError("SELECT 1", {}, Exception("gone"))
    lost.connection_invalidated = True
    attempts: list[int] = []

    def flaky() -> str:
        attempts.append(1)
        if len(attempts) < 4:
            raise lost
        return "ok"

    slept: list[float] = []
    assert retry(flaky, delays=(1.0, 2.0, 4.0), sleep=slept.append) == "ok"
    assert len(slept) == 3
    for pause, planned in zip(slept, (1.0, 2.0, 4.0), strict=True):
        assert 0.75 * planned <= pause <= 1.25 * planned
    exact: list[float] = []
    attempts.clear()
    retry(flaky, delays=(1.0, 2.0, 4.0), sleep=exact.append, jitter=lambda pause: pause)
    assert exact == [1.0, 2.0, 4.0]
