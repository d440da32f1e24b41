"""Demo data: deterministic, realistic, covering every case the desk must show."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hezo_desk.db import Database
from hezo_desk.enums import ContractState, MessageKind, TicketState
from hezo_desk.models import Contact, Customer, Message, Service, ServiceContract, Ticket
from hezo_desk.services.demo import DemoService
from hezo_desk.services.tax_ids import parse_tax_id

TODAY = dt.date(2026, 11, 2)


def _snapshot(db: Database) -> list[tuple[object, ...]]:
    with db.sessions() as session:
        customers = session.execute(select(Customer.tax_id, Customer.name).order_by(Customer.id))
        tickets = session.execute(
            select(Ticket.number, Ticket.subject, Ticket.state, Ticket.opened_at).order_by(
                Ticket.id
            )
        )
        return [*customers, *tickets]


def test_the_same_seed_gives_the_same_data(db: Database, tmp_path: object) -> None:
    DemoService(db).load(customers=10, tickets=25, seed=11, today=TODAY)
    other = Database(f"sqlite:///{tmp_path}/other.sqlite3")  # type: ignore[str-bytes-safe]
    other.upgrade()
    DemoService(other).load(customers=10, tickets=25, seed=11, today=TODAY)
    assert _snapshot(db) == _snapshot(other)
    other.dispose()


def test_demo_data_covers_every_case(demo_db: Database) -> None:
    with demo_db.sessions() as session:
        for (tax_id,) in session.execute(select(Customer.tax_id)):
            assert parse_tax_id(tax_id).canonical == tax_id
        states = set(session.scalars(select(ServiceContract.state).distinct()))
        assert states == set(ContractState)
        ticket_states = set(session.scalars(select(Ticket.state).distinct()))
        assert ticket_states == set(TicketState)
        kinds = set(session.scalars(select(Message.kind).distinct()))
        assert kinds == set(MessageKind)
        several = session.scalar(
            select(func.count()).select_from(
                select(Service.serial).group_by(Service.serial).having(func.count() > 1).subquery()
            )
        )
        assert several, "serials with (H1), (H2), … exist"
        assert session.scalar(select(func.count()).where(Service.notation_index == 0)) > 0
        assert session.scalar(select(func.count()).where(Ticket.legacy_number.is_not(None))) > 0
        assert session.scalar(select(func.count()).where(Ticket.review_flags.is_not(None))) > 0
        assert session.scalar(select(func.count()).where(Ticket.reseller_access.is_(True))) > 0
        assert session.scalar(select(func.count(Contact.id))) > 0
        from hezo_desk.models import Attachment

        dialogues = session.scalar(
            select(func.count(Attachment.id)).where(Attachment.kind == "legacy_dialogue")
        )
        migrated = session.scalar(select(func.count()).where(Ticket.migrated_at.is_not(None)))
        assert dialogues == migrated, "every migrated demo ticket carries its dialogue PDF"
        reviewed = session.scalar(select(func.count()).where(Ticket.reviewed_at.is_not(None)))
        assert 0 < reviewed < migrated


def test_demo_goes_only_into_an_empty_database(demo_db: Database) -> None:
    from hezo_desk.errors import UserError

    with pytest.raises(UserError, match="empty database"):
        DemoService(demo_db).load(customers=1, tickets=1)


def test_new_tickets_continue_the_demo_numbering(demo_db: Database) -> None:
    from hezo_desk.services.agents import AgentService
    from hezo_desk.services.tickets import NewTicket, TicketService

    actor = AgentService(demo_db).resolve("anna.nowak")
    with demo_db.sessions() as session:
        contract_id, service_id = session.execute(
            select(ServiceContract.id, Service.id)
            .join(Service, Service.contract_id == ServiceContract.id)
            .where(ServiceContract.state == ContractState.ACTIVE)
            .limit(1)
        ).one()
    row = TicketService(demo_db).open(actor, NewTicket(contract_id, service_id, "Nowe", "Opis"))
    assert row.number == "HD-000121"
