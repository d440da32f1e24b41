"""Consent names its reseller: a yes is recorded with the reseller it was given to, and when a
ticket moves to another reseller's contract the yes does not follow it, through the desk's
re-linking (review) or a plain SQL UPDATE that forgot the rule. PostgreSQL's reseller views
hold the same line, read as the reseller roles with plain SQL. The reseller's "last change"
moves only with what the reseller may see."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from alembic import command
from sqlalchemy import select, text, update

from access_builders import (
    AccessWorld,
    FullTicket,
    build_access_world,
    open_full_ticket,
    service_on,
)
from hezo_desk.cli import main
from hezo_desk.db import Database, alembic_config
from hezo_desk.enums import AccessChangeReason, Channel, TicketState
from hezo_desk.models import AuditEntry, ResellerAccessChange, ServiceContract, Ticket, utcnow
from hezo_desk.services.access import (
    AccessChangeRefusedError,
    AccessRequest,
    ResellerAccessService,
)
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.reseller_roles import ResellerRoleService
from hezo_desk.services.review import ReviewService
from hezo_desk.services.tickets import TicketChange, TicketService

# Commands prove their acting agent (issue 12): the fixtures' agents' password is at hand.
pytestmark = pytest.mark.usefixtures("agent_password")

POSTGRESQL_ONLY = pytest.mark.parametrize("db", ["postgresql"], indirect=True)
SAYS_NO = AccessRequest(granted=False, channel=Channel.PHONE, requested_by_name="Paweł Żółkiewski")
SAYS_YES = AccessRequest(granted=True, channel=Channel.EMAIL, requested_by_name="Paweł Żółkiewski")


@pytest.fixture
def aw(db: Database) -> AccessWorld:
    return build_access_world(db)


def _migrated(db: Database, agent: Actor, aw: AccessWorld, subject: str) -> FullTicket:
    """A ticket with a yes for Gęś IT, marked as migrated (only those are re-linked)."""
    ticket = open_full_ticket(db, agent, aw.world.contract_id, subject, access=True)
    with db.transaction() as session:
        session.execute(update(Ticket).where(Ticket.id == ticket.id).values(migrated_at=utcnow()))
    return ticket


def test_a_yes_and_a_no_are_recorded_with_their_reseller(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Zgoda", access=True)
    access = ResellerAccessService(db)
    given = access.ticket_access(ticket.id)
    assert given.granted
    assert not given.decision_needed
    assert [(c.reseller_id, c.granted) for c in given.history] == [(aw.world.reseller_id, True)]
    withdrawn = access.change_access(agent, ticket.id, SAYS_NO, expected_version=None)
    assert [(c.reseller_id, c.granted) for c in withdrawn.history][-1] == (
        aw.world.reseller_id,
        False,
    )
    with db.sessions() as session:
        assert (
            session.scalar(select(Ticket.access_reseller_id).where(Ticket.id == ticket.id)) is None
        )


def test_re_linking_to_another_resellers_contract_ends_the_yes_and_asks_again(
    db: Database, aw: AccessWorld, agent: Actor, admin: Actor
) -> None:
    ticket = _migrated(db, agent, aw, "Przeniesione do Żurawia")
    access = ResellerAccessService(db)
    assert access.view_for_reseller(ticket.id, aw.world.reseller_id) is not None

    ReviewService(db).link(
        admin,
        ticket.id,
        aw.other_reseller_contract_id,
        service_on(db, aw.other_reseller_contract_id),
        expected_version=None,
    )

    now = access.ticket_access(ticket.id)
    assert not now.granted
    assert now.reseller_id == aw.other_reseller_id
    assert now.decision_needed
    ended = now.history[-1]
    assert (ended.previous, ended.granted, ended.reason) == (
        True,
        False,
        AccessChangeReason.RESELLER_CHANGED,
    )
    assert (ended.reseller_name, ended.new_reseller_name) == (
        "Gęś IT Partner Sp. z o.o.",
        "Żuraw Systemy S.A.",
    )
    assert ended.agent_login == admin.login
    for reseller_id in (aw.world.reseller_id, aw.other_reseller_id):
        assert access.view_for_reseller(ticket.id, reseller_id) is None
        assert ticket.id not in {t.ticket_id for t in access.visible_tickets(reseller_id)}
    with db.sessions() as session:
        details = session.scalars(
            select(AuditEntry.details)
            .where(
                AuditEntry.ticket_id == ticket.id,
                AuditEntry.action == AuditAction.TICKET_RESELLER_ACCESS_CHANGED,
            )
            .order_by(AuditEntry.id.desc())
        ).first()
    assert details == {
        "from": True,
        "to": False,
        "reason": "reseller_changed",
        "reseller_id": aw.world.reseller_id,
        "new_reseller_id": aw.other_reseller_id,
    }

    # The customer's no for the new reseller is worth recording: the desk asked for it.
    decided = access.change_access(agent, ticket.id, SAYS_NO, expected_version=None)
    assert not decided.decision_needed
    assert decided.history[-1].reseller_id == aw.other_reseller_id
    with pytest.raises(AccessChangeRefusedError):
        access.change_access(agent, ticket.id, SAYS_NO, expected_version=None)
    # A yes for the new reseller is the new reseller's alone.
    access.change_access(agent, ticket.id, SAYS_YES, expected_version=None)
    assert access.view_for_reseller(ticket.id, aw.other_reseller_id) is not None
    assert access.view_for_reseller(ticket.id, aw.world.reseller_id) is None


def test_a_contract_of_the_same_reseller_keeps_the_yes(
    db: Database, aw: AccessWorld, agent: Actor, admin: Actor
) -> None:
    ticket = _migrated(db, agent, aw, "Ta sama firma partnerska")
    ReviewService(db).link(
        admin, ticket.id, aw.world.expired_contract_id, None, expected_version=None
    )
    access = ResellerAccessService(db).ticket_access(ticket.id)
    assert access.granted
    assert not access.decision_needed
    assert all(change.reason is None for change in access.history)


def test_ticket_edits_keep_the_yes_where_the_contract_stays(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    """The ticket edits (state, priority, assignee) never move a ticket to another contract."""
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Edycje", access=True)
    TicketService(db).change(
        agent, ticket.id, TicketChange(state=TicketState.IN_PROGRESS), expected_version=None
    )
    assert ResellerAccessService(db).ticket_access(ticket.id).granted


@pytest.mark.parametrize("moved", ["ticket_contract", "contract_reseller"])
def test_a_plain_sql_move_hands_the_yes_to_nobody(
    db: Database, aw: AccessWorld, agent: Actor, moved: str
) -> None:
    """A path that forgets the rule (here plain SQL) moves the ticket; the yes stays where it
    was given and counts nowhere, in the desk and in its lists."""
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Obejście", access=True)
    with db.transaction() as session:
        if moved == "ticket_contract":
            session.execute(
                text("UPDATE tickets SET contract_id = :c WHERE id = :t"),
                {"c": aw.other_reseller_contract_id, "t": ticket.id},
            )
        else:
            session.execute(
                update(ServiceContract)
                .where(ServiceContract.id == aw.world.contract_id)
                .values(reseller_id=aw.other_reseller_id)
            )
    access = ResellerAccessService(db)
    seen = access.ticket_access(ticket.id)
    assert not seen.granted
    assert seen.decision_needed
    # The database itself ended the yes, and its history says why (no agent recorded it).
    ended = seen.history[-1]
    assert (ended.previous, ended.granted, ended.reason, ended.agent_login) == (
        True,
        False,
        AccessChangeReason.RESELLER_CHANGED,
        None,
    )
    assert (ended.reseller_id, ended.new_reseller_name) == (
        aw.world.reseller_id,
        "Żuraw Systemy S.A.",
    )
    with db.sessions() as session:
        flags = session.execute(
            select(Ticket.reseller_access, Ticket.access_reseller_id).where(Ticket.id == ticket.id)
        ).one()
    assert tuple(flags) == (False, None)
    assert access.view_for_reseller(ticket.id, aw.other_reseller_id) is None
    assert access.visible_tickets(aw.other_reseller_id) == []
    assert access.count_visible(aw.other_reseller_id) == 0
    assert {r.id: r.visible_tickets for r in access.resellers()}[aw.other_reseller_id] == 0


def test_the_revision_gives_existing_decisions_the_reseller_of_the_contract(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Sprzed zmiany", access=True)
    refused = open_full_ticket(db, agent, aw.other_reseller_contract_id, "Bez zgody")
    config = alembic_config()
    with db.engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    db.upgrade()
    access = ResellerAccessService(db)
    kept = access.ticket_access(ticket.id)
    assert kept.granted
    assert not kept.decision_needed
    assert [c.reseller_id for c in kept.history] == [aw.world.reseller_id]
    assert [c.reseller_id for c in access.ticket_access(refused.id).history] == [
        aw.other_reseller_id
    ]
    with db.sessions() as session:
        assert (
            session.scalar(select(Ticket.access_reseller_id).where(Ticket.id == ticket.id))
            == aw.world.reseller_id
        )
        assert (
            session.scalar(select(Ticket.access_reseller_id).where(Ticket.id == refused.id)) is None
        )
        assert all(
            reseller_id is not None
            for reseller_id in session.scalars(select(ResellerAccessChange.reseller_id))
        )


def test_the_reseller_sees_no_internal_activity_in_the_last_change(
    db: Database, aw: AccessWorld, agent: Actor
) -> None:
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Znacznik czasu", access=True)
    access = ResellerAccessService(db)
    before = access.view_for_reseller(ticket.id, aw.world.reseller_id)
    assert before is not None
    listed = access.visible_tickets(aw.world.reseller_id)
    assert [t.updated_at for t in listed] == [before.updated_at]

    TicketService(db).add_note(agent, ticket.id, "kolejna notatka wewnętrzna")
    TicketService(db).change(
        agent, ticket.id, TicketChange(assignee_login=agent.login), expected_version=None
    )
    after_note = access.view_for_reseller(ticket.id, aw.world.reseller_id)
    assert after_note is not None
    assert after_note.updated_at == before.updated_at
    assert [t.updated_at for t in access.visible_tickets(aw.world.reseller_id)] == [
        before.updated_at
    ]

    TicketService(db).change(
        agent,
        ticket.id,
        TicketChange(state=TicketState.WAITING_FOR_CUSTOMER),
        expected_version=None,
    )
    after_state = access.view_for_reseller(ticket.id, aw.world.reseller_id)
    assert after_state is not None
    assert after_state.updated_at > before.updated_at
    reply = TicketService(db).reply(agent, ticket.id, "Odpowiedź dla klienta")
    after_reply = access.view_for_reseller(ticket.id, aw.world.reseller_id)
    assert after_reply is not None
    assert after_reply.updated_at == reply.created_at


# ----- PostgreSQL, as the reseller roles --------------------------------------------------


@pytest.fixture
def roles(db: Database, aw: AccessWorld, admin: Actor) -> Iterator[tuple[str, str]]:
    """A database role for Gęś IT and one for Żuraw; dropped afterwards."""
    gesit, zuraw = (f"rs_{uuid.uuid4().hex[:12]}" for _ in range(2))
    service = ResellerRoleService(db)
    service.grant(admin, aw.world.reseller_id, gesit)
    service.grant(admin, aw.other_reseller_id, zuraw)
    yield gesit, zuraw
    with db.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        for name in (gesit, zuraw):
            connection.execute(text(f'DROP OWNED BY "{name}"'))
            connection.execute(text(f'DROP ROLE "{name}"'))


def _as(db: Database, role: str, query: str) -> list[tuple[object, ...]]:
    url = db.url
    with (
        psycopg.connect(
            host=url.host or "127.0.0.1",
            port=url.port or 5432,
            dbname=url.database,
            user=role,
            autocommit=True,
        ) as connection,
        connection.cursor() as cursor,
    ):
        cursor.execute(query.encode())
        return list(cursor.fetchall())


def _sees(db: Database, role: str, ticket_id: int) -> bool:
    tickets = _as(db, role, f"SELECT id FROM reseller_portal.tickets WHERE id = {ticket_id}")
    messages = _as(
        db, role, f"SELECT id FROM reseller_portal.messages WHERE ticket_id = {ticket_id}"
    )
    files = _as(
        db, role, f"SELECT id FROM reseller_portal.attachments WHERE ticket_id = {ticket_id}"
    )
    assert bool(tickets) == bool(messages) == bool(files)
    return bool(tickets)


@POSTGRESQL_ONLY
def test_after_a_re_link_the_old_reseller_role_reads_nothing(
    db: Database, aw: AccessWorld, agent: Actor, admin: Actor, roles: tuple[str, str]
) -> None:
    gesit, zuraw = roles
    ticket = _migrated(db, agent, aw, "Widok po przeniesieniu")
    assert _sees(db, gesit, ticket.id)
    ReviewService(db).link(
        admin,
        ticket.id,
        aw.other_reseller_contract_id,
        service_on(db, aw.other_reseller_contract_id),
        expected_version=None,
    )
    assert not _sees(db, gesit, ticket.id)
    assert not _sees(db, zuraw, ticket.id)
    ResellerAccessService(db).change_access(agent, ticket.id, SAYS_YES, expected_version=None)
    assert _sees(db, zuraw, ticket.id)
    assert not _sees(db, gesit, ticket.id)


@POSTGRESQL_ONLY
@pytest.mark.parametrize("moved", ["ticket_contract", "contract_reseller"])
def test_a_plain_sql_move_leaks_nothing_through_the_views(
    db: Database, aw: AccessWorld, agent: Actor, roles: tuple[str, str], moved: str
) -> None:
    gesit, zuraw = roles
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Ominięcie przez SQL", access=True)
    assert _sees(db, gesit, ticket.id)
    with db.engine.begin() as connection:
        if moved == "ticket_contract":
            connection.execute(
                text(
                    f"UPDATE tickets SET contract_id = {aw.other_reseller_contract_id} "
                    f"WHERE id = {ticket.id}"
                )
            )
        else:
            connection.execute(
                text(
                    f"UPDATE service_contracts SET reseller_id = {aw.other_reseller_id} "
                    f"WHERE id = {aw.world.contract_id}"
                )
            )
    assert not _sees(db, zuraw, ticket.id)
    assert not _sees(db, gesit, ticket.id)


@POSTGRESQL_ONLY
def test_the_views_last_change_moves_only_with_what_the_reseller_may_see(
    db: Database, aw: AccessWorld, agent: Actor, roles: tuple[str, str]
) -> None:
    gesit, _ = roles
    ticket = open_full_ticket(db, agent, aw.world.contract_id, "Czas w widoku", access=True)
    query = f"SELECT updated_at FROM reseller_portal.tickets WHERE id = {ticket.id}"
    (first,) = _as(db, gesit, query)
    view = ResellerAccessService(db).view_for_reseller(ticket.id, aw.world.reseller_id)
    assert view is not None
    assert first[0] == view.updated_at
    TicketService(db).add_note(agent, ticket.id, "notatka, której partner nie widzi")
    assert _as(db, gesit, query) == [first]
    TicketService(db).change(
        agent, ticket.id, TicketChange(state=TicketState.IN_PROGRESS), expected_version=None
    )
    (moved,) = _as(db, gesit, query)
    assert moved[0] > first[0]


def test_the_command_line_shows_the_ended_yes_and_records_the_new_decision(
    db: Database,
    aw: AccessWorld,
    agent: Actor,
    admin: Actor,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ticket = _migrated(db, agent, aw, "Przeniesione – wiersz poleceń")
    ReviewService(db).link(
        admin, ticket.id, aw.other_reseller_contract_id, None, expected_version=None
    )
    database = ("--database", db.url.render_as_string(hide_password=False))
    assert main(["ticket", "access", ticket.number, *database]) == 0
    out = capsys.readouterr().out
    assert "decision needed: the customer has not decided about Żuraw Systemy S.A." in out
    assert "access → no access (the ticket moved from Gęś I" in out  # the table cuts it
    assert "(ended by the desk)" in out
    code = main(
        [
            "ticket",
            "access",
            ticket.number,
            "--revoke",
            "--requested-by",
            "pawel@laka.pl",
            "--channel",
            "phone",
            "--agent",
            agent.login,
            *database,
        ]
    )
    assert code == 0
    capsys.readouterr()
    now = ResellerAccessService(db).ticket_access(ticket.id)
    assert not now.decision_needed
    assert (now.history[-1].reseller_id, now.history[-1].granted) == (aw.other_reseller_id, False)
