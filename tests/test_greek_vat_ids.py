"""Revision 0016: Greek tax ids stored as `GR…` become `EL…`; a company stored under both
becomes one customer, with everything that named either, and the audit chain stays whole.

Each test goes down to 0015, writes rows as a desk of that time (or an older importer) left
them, with plain SQL, and upgrades to the head.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Boolean, Date, Integer, String, column, func, insert, select, table, text

from builders import World, build_world
from hezo_desk.audit_words import entry_words
from hezo_desk.catalogue import Catalogue
from hezo_desk.db import Database, alembic_config
from hezo_desk.models import AuditEntry, Call, Contact, Customer, ServiceContract, Ticket
from hezo_desk.models.base import UTCDateTime
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit_chain import verify_chain
from hezo_desk.services.lookup import LookupService
from hezo_desk.services.normalize import fold

BEFORE = "0015_dashboard_indexes"
# Valid Greek VAT numbers (stdnum.gr.vat).
MERGED_NUMBER = "094259216"
RENAMED_NUMBER = "123456003"
AT = dt.datetime(2025, 3, 4, 10, 0, tzinfo=dt.UTC)

_customers = table(
    "customers",
    column("id", Integer),
    column("tax_id", String),
    column("name", String),
    column("name_folded", String),
    column("country", String),
    column("language", String),
    column("phone", String),
    column("phone_key", String),
    column("phone_e164", String),
    column("email", String),
    column("email_normalized", String),
    column("legacy_id", String),
    column("created_at", UTCDateTime()),
)
_contacts = table(
    "contacts",
    column("id", Integer),
    column("customer_id", Integer),
    column("first_name", String),
    column("last_name", String),
    column("email", String),
    column("email_normalized", String),
    column("language", String),
    column("registered_at", UTCDateTime()),
    column("updated_at", UTCDateTime()),
)
_contracts = table(
    "service_contracts",
    column("id", Integer),
    column("number", String),
    column("number_key", String),
    column("customer_id", Integer),
    column("reseller_id", Integer),
    column("start_date", Date),
    column("end_date", Date),
    column("state", String),
    column("created_at", UTCDateTime()),
)
_tickets = table(
    "tickets",
    column("id", Integer),
    column("number", String),
    column("subject", String),
    column("customer_id", Integer),
    column("contract_id", Integer),
    column("state", String),
    column("priority", String),
    column("channel", String),
    column("reseller_access", Boolean),
    column("opened_at", UTCDateTime()),
    column("updated_at", UTCDateTime()),
    column("version", Integer),
)
_calls = table(
    "calls",
    column("id", Integer),
    column("started_at", UTCDateTime()),
    column("direction", String),
    column("number", String),
    column("customer_id", Integer),
    column("contact_id", Integer),
    column("version", Integer),
)


def _migrate_down(db: Database) -> None:
    config = alembic_config()
    with db.engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)


def _add(db: Database, target: Any, **values: Any) -> int:
    with db.engine.begin() as connection:
        new_id = connection.execute(insert(target).values(**values).returning(target.c.id))
        return int(new_id.scalar_one())


def _customer(db: Database, tax_id: str, name: str, **extra: Any) -> int:
    values = {
        "tax_id": tax_id,
        "name": name,
        "name_folded": fold(name),
        "country": "GR",
        "language": "en",
        "created_at": AT,
        **extra,
    }
    return _add(db, _customers, **values)


def _contact(db: Database, customer_id: int, first: str, email: str) -> int:
    return _add(
        db,
        _contacts,
        customer_id=customer_id,
        first_name=first,
        last_name="Papadopoulos",
        email=email,
        email_normalized=email.lower(),
        language="en",
        registered_at=AT,
        updated_at=AT,
    )


def _contract(db: Database, world: World, customer_id: int, number: str) -> int:
    return _add(
        db,
        _contracts,
        number=number,
        number_key=number.replace("/", ""),
        customer_id=customer_id,
        reseller_id=world.reseller_id,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2027, 1, 1),
        state="active",
        created_at=AT,
    )


def _ticket(db: Database, customer_id: int, number: str, contract_id: int | None = None) -> int:
    return _add(
        db,
        _tickets,
        number=number,
        subject="Router down",
        customer_id=customer_id,
        contract_id=contract_id,
        state="new",
        priority="normal",
        channel="phone",
        reseller_access=False,
        opened_at=AT,
        updated_at=AT,
        version=1,
    )


def _found(db: Database, query: str) -> list[tuple[int, str, str]]:
    return [(c.id, c.tax_id, c.name) for c in LookupService(db).lookup(query).customers]


def _merges(db: Database) -> list[AuditEntry]:
    with db.sessions() as session:
        return list(
            session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action == "customer.merged")
                .order_by(AuditEntry.id)
            )
        )


@pytest.fixture
def world(db: Database, agent: Actor) -> World:
    # The agents added before (their audit entries) give the chain a head to continue.
    return build_world(db)


def test_a_greek_id_stored_as_gr_becomes_el_with_nothing_else_changed(
    db: Database, world: World
) -> None:
    _migrate_down(db)
    beta = _customer(db, f"GR{RENAMED_NUMBER}", "Beta AE", legacy_id="K-12")
    contract = _contract(db, world, beta, "GRC/2025/00001")
    ticket = _ticket(db, beta, "HD-900001", contract)
    db.upgrade()

    with db.sessions() as session:
        customer = session.get_one(Customer, beta)
        assert (customer.tax_id, customer.name, customer.legacy_id) == (
            f"EL{RENAMED_NUMBER}",
            "Beta AE",
            "K-12",
        )
        assert customer.country == "GR", "the country stays its ISO code"
        assert session.get_one(Ticket, ticket).version == 1, "the ticket was not touched"
        assert session.get_one(ServiceContract, contract).customer_id == beta
    expected = [(beta, f"EL{RENAMED_NUMBER}", "Beta AE")]
    assert _found(db, f"GR{RENAMED_NUMBER}") == expected
    assert _found(db, f"el {RENAMED_NUMBER}") == expected
    assert _merges(db) == [], "a rename is no merge"
    assert verify_chain(db).intact


def test_a_company_stored_under_gr_and_el_becomes_the_el_customer_with_everything(
    db: Database, world: World
) -> None:
    _migrate_down(db)
    kept = _customer(
        db, f"EL{MERGED_NUMBER}", "Alfa A.E.", email="info@alfa.gr", email_normalized="info@alfa.gr"
    )
    gone = _customer(
        db,
        f"GR{MERGED_NUMBER}",
        "Alfa AE (old)",
        phone="+30 210 123 4567",
        phone_key="101234567",
        phone_e164="+302101234567",
        email="old@alfa.gr",
        email_normalized="old@alfa.gr",
        legacy_id="K-77",
    )
    # A Greek customer of its own, and an unrelated Polish one: only the twins merge.
    single = _customer(db, f"GR{RENAMED_NUMBER}", "Beta AE")
    kept_contact = _contact(db, kept, "Eleni", "eleni@alfa.gr")
    gone_contacts = [
        _contact(db, gone, "Eleni", "eleni.p@alfa.gr"),
        _contact(db, gone, "Nikos", "nikos@alfa.gr"),
    ]
    kept_contract = _contract(db, world, kept, "ALF/2025/00001")
    gone_contract = _contract(db, world, gone, "ALF/2024/00007")
    kept_ticket = _ticket(db, kept, "HD-900010", kept_contract)
    gone_tickets = [
        _ticket(db, gone, "HD-900011", gone_contract),
        _ticket(db, gone, "HD-900012"),
    ]
    call = _add(
        db,
        _calls,
        started_at=AT,
        direction="in",
        number="+302101234567",
        customer_id=gone,
        contact_id=gone_contacts[1],
        version=1,
    )
    polish_ticket = _ticket(db, world.customer_id, "HD-900020")
    db.upgrade()

    with db.sessions() as session:
        assert session.get(Customer, gone) is None, "the GR customer is gone"
        customer = session.get_one(Customer, kept)
        assert (customer.tax_id, customer.name) == (f"EL{MERGED_NUMBER}", "Alfa A.E.")
        assert customer.email == "info@alfa.gr", "the kept customer's own e-mail stays"
        assert (customer.phone, customer.phone_e164) == ("+30 210 123 4567", "+302101234567")
        assert customer.legacy_id == "K-77", "the legacy system's id still finds the company"
        contacts = session.scalars(
            select(Contact.id).where(Contact.customer_id == kept).order_by(Contact.id)
        ).all()
        assert contacts == [kept_contact, *gone_contacts], "the same person may stay two"
        contracts = session.execute(
            select(ServiceContract.id, ServiceContract.number)
            .where(ServiceContract.customer_id == kept)
            .order_by(ServiceContract.id)
        ).all()
        assert [tuple(c) for c in contracts] == [
            (kept_contract, "ALF/2025/00001"),
            (gone_contract, "ALF/2024/00007"),
        ]
        tickets = session.execute(
            select(Ticket.id, Ticket.customer_id, Ticket.customer_sort, Ticket.version)
            .where(Ticket.id.in_([kept_ticket, *gone_tickets]))
            .order_by(Ticket.id)
        ).all()
        assert [tuple(t) for t in tickets] == [
            (kept_ticket, kept, "alfa a.e.", 1),
            (gone_tickets[0], kept, "alfa a.e.", 2),
            (gone_tickets[1], kept, "alfa a.e.", 2),
        ], "moved tickets sort under the kept name; a save from before the move is refused"
        moved_call = session.get_one(Call, call)
        assert (moved_call.customer_id, moved_call.contact_id, moved_call.version) == (
            kept,
            gone_contacts[1],
            2,
        )
        assert session.get_one(Customer, single).tax_id == f"EL{RENAMED_NUMBER}"
        assert (
            session.scalar(
                select(func.count()).select_from(Customer).where(Customer.tax_id.like("GR%"))
            )
            == 0
        )
        polish = session.get_one(Ticket, polish_ticket)
        assert (polish.customer_id, polish.customer_sort, polish.version) == (
            world.customer_id,
            "drukarnia laka sp. z o.o.",
            1,
        )

    expected = [(kept, f"EL{MERGED_NUMBER}", "Alfa A.E.")]
    assert _found(db, f"GR{MERGED_NUMBER}") == expected
    assert _found(db, f"EL{MERGED_NUMBER}") == expected
    assert _found(db, "+30 210 123 4567") == expected
    overview = LookupService(db).overview(kept)
    assert {c.number for c in overview.contracts} == {"ALF/2025/00001", "ALF/2024/00007"}
    assert {t.number for t in overview.open_tickets} == {"HD-900010", "HD-900011", "HD-900012"}
    assert len(overview.contacts) == 3

    (entry,) = _merges(db)
    assert (entry.agent_id, entry.ticket_id, entry.subject_type, entry.subject_id) == (
        None,
        None,
        "customer",
        kept,
    )
    assert entry.details["from"] == {
        "id": gone,
        "tax_id": f"GR{MERGED_NUMBER}",
        "name": "Alfa AE (old)",
    }
    assert entry.details["moved"] == {
        "contacts": 2,
        "service_contracts": 1,
        "tickets": 2,
        "calls": 1,
    }
    said = entry_words(
        entry.action, entry.details, ticket_number=None, agent_login=None, summary=entry.summary
    )
    assert (
        said
        == entry.summary
        == (
            f"customer Alfa AE (old) (GR{MERGED_NUMBER}) merged into Alfa A.E. "
            f"(EL{MERGED_NUMBER}); moved: 2 contact(s), 1 contract(s), 2 ticket(s), 1 call(s)"
        )
    )
    polish = Catalogue().language("pl").translate
    in_polish = entry_words(
        entry.action,
        entry.details,
        ticket_number=None,
        agent_login=None,
        summary=entry.summary,
        translate=polish,
    )
    assert in_polish != said
    assert f"GR{MERGED_NUMBER}" in in_polish
    check = verify_chain(db)
    assert check.intact, check
    assert check.head_id == entry.id, "the merge continues the chain as its last entry"


def test_a_database_without_greek_ids_is_left_as_it_was(db: Database, world: World) -> None:
    _migrate_down(db)
    customers = select(Customer.id, Customer.tax_id, Customer.name, Customer.legacy_id)
    with db.sessions() as session:
        before = [tuple(row) for row in session.execute(customers.order_by(Customer.id))]
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
    db.upgrade()
    with db.sessions() as session:
        assert [tuple(row) for row in session.execute(customers.order_by(Customer.id))] == before
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == entries
        compatible = session.scalar(
            text(
                "SELECT oldest_client_revision FROM schema_compatibility "
                "WHERE revision = '0016_greek_vat_ids'"
            )
        )
    assert compatible == "0013_service_levels"
    assert verify_chain(db).intact


def test_twins_beyond_one_chunk_are_all_merged_into_one_unbroken_chain(
    db: Database, world: World
) -> None:
    """More pairs than the revision merges per round (500): each round continues the chain
    where the last one ended."""
    _migrate_down(db)
    pairs = 1001
    rows = [
        {
            "tax_id": f"{prefix}{n:09d}",
            "name": f"Etaireia {n} {prefix}",
            "name_folded": f"etaireia {n} {prefix.lower()}",
            "country": "GR",
            "language": "en",
            "created_at": AT,
        }
        for n in range(pairs)
        for prefix in ("EL", "GR")
    ]
    with db.engine.begin() as connection:
        connection.execute(insert(_customers), rows)
        greek = dict(
            connection.execute(
                select(_customers.c.tax_id, _customers.c.id).where(_customers.c.tax_id.like("GR%"))
            ).all()
        )
        connection.execute(
            insert(_tickets),
            [
                {
                    "number": f"HD-{800000 + n}",
                    "subject": "Router down",
                    "customer_id": greek[f"GR{n:09d}"],
                    "contract_id": None,
                    "state": "new",
                    "priority": "normal",
                    "channel": "phone",
                    "reseller_access": False,
                    "opened_at": AT,
                    "updated_at": AT,
                    "version": 1,
                }
                for n in range(pairs)
            ],
        )
    db.upgrade()
    with db.sessions() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(Customer).where(Customer.tax_id.like("GR%"))
            )
            == 0
        )
        assert (
            session.scalar(
                select(func.count()).select_from(Customer).where(Customer.tax_id.like("EL%"))
            )
            == pairs
        )
        owners = session.execute(
            select(Ticket.number, Customer.tax_id)
            .join(Customer, Customer.id == Ticket.customer_id)
            .where(Ticket.number.like("HD-8%"))
        ).all()
        assert len(owners) == pairs
        assert all(tax_id == f"EL{int(number[3:]) - 800000:09d}" for number, tax_id in owners)
    assert len(_merges(db)) == pairs
    check = verify_chain(db)
    assert check.intact, check
