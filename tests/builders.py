"""Small, explicit fixtures: companies, contracts and services written straight to the models."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import update

from hezo_desk.db import Database
from hezo_desk.enums import ContractState, Role
from hezo_desk.models import Agent, Customer, Reseller, Service, ServiceContract
from hezo_desk.services.actor import Actor
from hezo_desk.services.agents import AgentService
from hezo_desk.services.normalize import contract_number_key, email_key, fold, phone_key
from hezo_desk.services.passwords import hash_password
from hezo_desk.services.phones import phone_e164
from hezo_desk.services.serials import next_free_indexes
from hezo_desk.services.service_levels.dues import product_rule_key, rule_level_ids

TODAY = dt.date(2026, 11, 2)


@dataclass(frozen=True)
class World:
    reseller_id: int
    customer_id: int
    other_customer_id: int
    contract_id: int
    expired_contract_id: int
    other_contract_id: int


def build_world(db: Database) -> World:
    """Two companies; `UMS/2024/00001` (active) holds FG1234567890 twice ((H1), (H2)) and
    FW5550001111 once ((H)); `UMS/2020/00002` expired; `UMS/2024/00003` is the other company's."""
    with db.transaction() as session:
        reseller = Reseller(
            tax_id="PL6030824625", name="Gęś IT Partner Sp. z o.o.", email="serwis@gesit.pl"
        )
        customer = _customer(
            "PL5260250274", "Drukarnia Łąka Sp. z o.o.", "+48 12 345 67 89", "biuro@laka.pl"
        )
        other = _customer("PL7251801126", "Żółw Logistyka S.A.", "+48 22 600 70 80", "it@zolw.pl")
        session.add_all([reseller, customer, other])
        session.flush()
        contract = _contract("UMS/2024/00001", customer, reseller, ContractState.ACTIVE)
        expired = _contract("UMS/2020/00002", customer, reseller, ContractState.EXPIRED)
        foreign = _contract("UMS/2024/00003", other, reseller, ContractState.ACTIVE)
        session.add_all([contract, expired, foreign])
        session.flush()
        add_services(session, contract, "FG1234567890", ["FortiCare 8x5", "FortiGuard IPS"])
        add_services(session, contract, "FW5550001111", ["UTP Bundle"])
        add_services(session, expired, "FP0000000001", ["FortiCare 24x7"])
        add_services(session, foreign, "FA9999999999", ["Wymiana sprzętu NBD"])
        return World(reseller.id, customer.id, other.id, contract.id, expired.id, foreign.id)


def _customer(tax_id: str, name: str, phone: str, email: str) -> Customer:
    return Customer(
        tax_id=tax_id,
        name=name,
        name_folded=fold(name),
        city="Kraków",
        phone=phone,
        phone_key=phone_key(phone),
        phone_e164=phone_e164(phone),
        email=email,
        email_normalized=email_key(email),
    )


def _contract(
    number: str, customer: Customer, reseller: Reseller, state: ContractState
) -> ServiceContract:
    end = TODAY + dt.timedelta(days=300) if state is ContractState.ACTIVE else dt.date(2023, 1, 1)
    return ServiceContract(
        number=number,
        number_key=contract_number_key(number),
        customer_id=customer.id,
        reseller_id=reseller.id,
        start_date=dt.date(2020, 1, 1),
        end_date=end,
        state=state,
    )


def add_services(session, contract: ServiceContract, serial: str, products: list[str]) -> None:  # type: ignore[no-untyped-def]
    used = [s.notation_index for s in session.query(Service).filter_by(serial=serial)]
    for product, index in zip(products, next_free_indexes(used, len(products)), strict=True):
        session.add(
            Service(
                contract_id=contract.id,
                serial=serial,
                notation_index=index,
                product=product,
                start_date=contract.start_date,
                end_date=contract.end_date,
                service_level_id=rule_level_ids(session)[product_rule_key(product)],
            )
        )
    session.flush()


# The password of every agent the tests add (`agent_password` puts it where the CLI reads it).
AGENT_PASSWORD = "correct horse"


@functools.cache
def _agent_password_hash() -> str:
    # scrypt at the desk's cost takes over half a second: hashed once for every test's agents.
    return hash_password(AGENT_PASSWORD)


def add_agent(db: Database, by: Actor | None, login: str, role: Role) -> Actor:
    """An agent of `role` whose password is AGENT_PASSWORD (added by `by`, or the first one)."""
    AgentService(db).add(by, login=login, display_name=login.title(), role=role, password=None)
    with db.transaction() as session:
        session.execute(
            update(Agent).where(Agent.login == login).values(password_hash=_agent_password_hash())
        )
    return AgentService(db).resolve(login)


@contextmanager
def signed_in_desk(
    db: Database, actor: Actor, desk_settings: object, tmp_path: Path
) -> Iterator[object]:
    """A signed-in desk on `db` as `actor`.

    Its long jobs have a pool of their own of one thread (as the desk's own, only smaller);
    opened attachments are copied under `tmp_path/opened`.
    """
    from PySide6.QtCore import QThreadPool

    from hezo_desk.services.opened_copies import OpenedCopies
    from hezo_desk.ui.context import DeskContext

    pool, jobs = QThreadPool(), QThreadPool()
    jobs.setMaxThreadCount(1)
    (tmp_path / "opened").mkdir()
    copies = OpenedCopies(tmp_path / "opened")
    try:
        yield DeskContext(
            db=db,
            actor=actor,
            settings=desk_settings,  # type: ignore[arg-type]
            pool=pool,
            jobs=jobs,
            opened_copies=copies,
        )
        jobs.waitForDone(10_000)
        pool.waitForDone(10_000)
    finally:
        copies.remove_all()
