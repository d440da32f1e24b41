"""Registration of a caller over the phone: the three facts, then the contact.

Authorisation rests on three facts the caller must know (DOMAIN.md): the company's tax id,
the number of one of its service contracts, and a serial from that same contract. The agent
accepts the serial in any notation and reads back the exact new notation the contract holds.
When a fact fails, the agent sees which one and why.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.db import Database
from hezo_desk.enums import ContractState, Language
from hezo_desk.errors import Coded, InputField, UserError
from hezo_desk.models import Contact, Customer, Service, ServiceContract, utcnow
from hezo_desk.services import audit
from hezo_desk.services.actor import Actor
from hezo_desk.services.audit import AuditAction
from hezo_desk.services.limits import within_limit
from hezo_desk.services.lookup import CustomerOverview, active_only, customer_overview
from hezo_desk.services.normalize import clean_line, contract_number_key, email_key, phone_key
from hezo_desk.services.phones import parse_phone
from hezo_desk.services.records import (
    ContactRow,
    ServiceRow,
    contact_row,
    service_row,
    service_select,
)
from hezo_desk.services.serials import InvalidSerialError, format_notation, parse_serial
from hezo_desk.services.tax_ids import InvalidTaxIdError, parse_tax_id
from hezo_desk.wording import Translate, coded_text, in_english

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Fact(enum.StrEnum):
    TAX_ID = "tax_id"
    CONTRACT = "contract"
    SERIAL = "serial"


class FactProblem(enum.StrEnum):
    MISSING = "missing"
    INVALID_TAX_ID = "invalid_tax_id"
    UNKNOWN_TAX_ID = "unknown_tax_id"
    NO_SUCH_CONTRACT = "no_such_contract"
    CONTRACT_NOT_ACTIVE = "contract_not_active"
    CONTRACT_OF_ANOTHER_COMPANY = "contract_of_another_company"
    INVALID_SERIAL = "invalid_serial"
    SERIAL_NOT_ON_CONTRACT = "serial_not_on_contract"
    NOT_CHECKED = "not_checked"


# The facts by name, in a refusal's words.
FACT_NAMES = {
    Fact.TAX_ID: QT_TRANSLATE_NOOP("Errors", "tax id"),
    Fact.CONTRACT: QT_TRANSLATE_NOOP("Errors", "contract"),
    Fact.SERIAL: QT_TRANSLATE_NOOP("Errors", "serial number"),
}


@dataclass(frozen=True)
class FactCheck:
    """One fact's verdict; `message` is told by code (a template marked in "Errors") with
    `params`: `words` gives it in the reader's language."""

    fact: Fact
    problem: FactProblem | None
    message: str
    params: tuple[object, ...] = ()

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def coded(self) -> Coded:
        return Coded(self.message, self.params)

    def words(self, translate: Translate = in_english) -> str:
        return coded_text(self.message, self.params, translate)


@dataclass(frozen=True)
class FactsCheck:
    tax_id: FactCheck
    contract: FactCheck
    serial: FactCheck
    customer_id: int | None = None
    contract_id: int | None = None
    # The services of the typed serial on that contract, and the notation to read back.
    services: list[ServiceRow] = field(default_factory=list)
    typed_notation: str | None = None
    read_back: str | None = None

    @property
    def ok(self) -> bool:
        return self.tax_id.ok and self.contract.ok and self.serial.ok

    @property
    def failures(self) -> list[FactCheck]:
        return [check for check in (self.tax_id, self.contract, self.serial) if not check.ok]

    @property
    def notation_differs(self) -> bool:
        """The caller typed a notation other than the one the contract holds."""
        return self.read_back is not None and self.typed_notation != self.read_back


class RegistrationRefusedError(UserError):
    def __init__(self, check: FactsCheck) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", "registration refused: %1"),
            tuple(
                Coded("%1: %2", (Coded(FACT_NAMES[failure.fact]), failure.coded))
                for failure in check.failures
            ),
        )
        self.check = check


class ContactExistsError(UserError):
    """A contact with that e-mail exists; the agent may update it instead."""

    def __init__(self, existing: ContactRow, customer_name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Errors",
                "%1 is already registered (%2, %3); update that contact instead of adding a "
                "second one",
            ),
            existing.email,
            existing.full_name,
            customer_name,
        )
        self.existing = existing


@dataclass(frozen=True)
class ContactDetails:
    first_name: str
    last_name: str
    email: str
    phone: str | None = None
    language: Language = Language.POLISH


@dataclass(frozen=True)
class RegistrationResult:
    contact: ContactRow
    created: bool
    read_back: str
    notation_differs: bool
    # What the contact now sees: all active contracts with their serials, open tickets.
    visible: CustomerOverview


class RegistrationService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def check_facts(self, tax_id: str, contract: str, serial: str) -> FactsCheck:
        with self._db.sessions() as session:
            return check_facts(session, tax_id, contract, serial)

    def register(
        self,
        actor: Actor,
        *,
        tax_id: str,
        contract: str,
        serial: str,
        details: ContactDetails,
        update_existing: bool = False,
    ) -> RegistrationResult:
        first, last, email, phone = _valid_details(details)
        with self._db.transaction() as session:
            check = check_facts(session, tax_id, contract, serial)
            if not check.ok:
                raise RegistrationRefusedError(check)
            assert check.customer_id is not None
            assert check.read_back is not None
            existing = session.scalar(
                select(Contact).where(Contact.email_normalized == email_key(email))
            )
            now = utcnow()
            if existing is not None:
                owner = session.get_one(Customer, existing.customer_id)
                if existing.customer_id != check.customer_id:
                    # Which company is not for whoever is on the phone.
                    raise UserError(
                        QT_TRANSLATE_NOOP(
                            "Errors",
                            "%1 is already registered for another company; one e-mail address "
                            "belongs to one contact",
                        ),
                        email,
                    )
                if not update_existing:
                    raise ContactExistsError(contact_row(existing), owner.name)
                contact, created = existing, False
            else:
                contact = Contact(
                    customer_id=check.customer_id,
                    email_normalized=email_key(email),
                    registered_at=now,
                    registered_by_agent_id=actor.id,
                )
                session.add(contact)
                created = True
            contact.first_name, contact.last_name = first, last
            contact.email, contact.phone, contact.phone_key = email, phone, phone_key(phone)
            contact.phone_e164 = parse_phone(phone) if phone is not None else None
            contact.language = details.language
            contact.updated_at = now
            session.flush()
            audit.record(
                session,
                actor,
                AuditAction.CONTACT_REGISTERED if created else AuditAction.CONTACT_UPDATED,
                f"{'registered' if created else 'updated'} contact {first} {last} <{email}>",
                subject=("contact", contact.id),
                details={
                    "name": f"{first} {last}",
                    "email": email,
                    "customer_id": check.customer_id,
                    "contract_id": check.contract_id,
                    "typed_serial": serial,
                    "read_back": check.read_back,
                },
            )
            return RegistrationResult(
                contact=contact_row(contact),
                created=created,
                read_back=check.read_back,
                notation_differs=check.notation_differs,
                visible=active_only(customer_overview(session, check.customer_id)),
            )


def check_facts(
    session: Session, tax_id_text: str, contract_text: str, serial_text: str
) -> FactsCheck:
    tax_check, customer = _check_tax_id(session, tax_id_text)
    contract_check, contract = _check_contract(session, contract_text, customer)
    serial_check, services, typed, read_back = _check_serial(session, serial_text, contract)
    return FactsCheck(
        tax_id=tax_check,
        contract=contract_check,
        serial=serial_check,
        customer_id=customer.id if customer else None,
        contract_id=contract.id if contract else None,
        services=services,
        typed_notation=typed,
        read_back=read_back,
    )


def _check_tax_id(session: Session, text: str) -> tuple[FactCheck, Customer | None]:
    if not text.strip():
        return FactCheck(
            Fact.TAX_ID, FactProblem.MISSING, QT_TRANSLATE_NOOP("Errors", "tax id is missing")
        ), None
    try:
        tax_id = parse_tax_id(text)
    except InvalidTaxIdError as error:
        return FactCheck(
            Fact.TAX_ID, FactProblem.INVALID_TAX_ID, error.template, error.values
        ), None
    customer = session.scalar(select(Customer).where(Customer.tax_id == tax_id.canonical))
    if customer is None:
        return FactCheck(
            Fact.TAX_ID,
            FactProblem.UNKNOWN_TAX_ID,
            QT_TRANSLATE_NOOP("Errors", "%1 is a valid tax id, but no HEZO customer has it"),
            (tax_id.canonical,),
        ), None
    return FactCheck(Fact.TAX_ID, None, "%1: %2", (tax_id.canonical, customer.name)), customer


def _check_contract(
    session: Session, text: str, customer: Customer | None
) -> tuple[FactCheck, ServiceContract | None]:
    if not text.strip():
        return FactCheck(
            Fact.CONTRACT,
            FactProblem.MISSING,
            QT_TRANSLATE_NOOP("Errors", "contract number is missing"),
        ), None
    contract = session.scalar(
        select(ServiceContract).where(ServiceContract.number_key == contract_number_key(text))
    )
    if contract is None:
        return FactCheck(
            Fact.CONTRACT,
            FactProblem.NO_SUCH_CONTRACT,
            QT_TRANSLATE_NOOP("Errors", "no contract numbered “%1”"),
            (text.strip(),),
        ), None
    if customer is not None and contract.customer_id != customer.id:
        return FactCheck(
            Fact.CONTRACT,
            FactProblem.CONTRACT_OF_ANOTHER_COMPANY,
            # Another customer's name and tax id are not for whoever is on the phone.
            QT_TRANSLATE_NOOP("Errors", "contract %1 does not belong to the company %2"),
            (contract.number, customer.tax_id),
        ), contract
    if contract.state is not ContractState.ACTIVE:
        return FactCheck(
            Fact.CONTRACT,
            FactProblem.CONTRACT_NOT_ACTIVE,
            QT_TRANSLATE_NOOP(
                "Errors", "contract %1 is %2 (term %3–%4); only active contracts authorise"
            ),
            (
                contract.number,
                contract.state,
                f"{contract.start_date:%d.%m.%Y}",
                f"{contract.end_date:%d.%m.%Y}",
            ),
        ), contract
    return FactCheck(
        Fact.CONTRACT, None, QT_TRANSLATE_NOOP("Errors", "%1: active"), (contract.number,)
    ), contract


def _check_serial(
    session: Session, text: str, contract: ServiceContract | None
) -> tuple[FactCheck, list[ServiceRow], str | None, str | None]:
    if not text.strip():
        return (
            FactCheck(
                Fact.SERIAL,
                FactProblem.MISSING,
                QT_TRANSLATE_NOOP("Errors", "serial number is missing"),
            ),
            [],
            None,
            None,
        )
    try:
        parsed = parse_serial(text)
    except InvalidSerialError as error:
        return (
            FactCheck(Fact.SERIAL, FactProblem.INVALID_SERIAL, error.template, error.values),
            [],
            None,
            None,
        )
    if contract is None:
        return (
            FactCheck(
                Fact.SERIAL,
                FactProblem.NOT_CHECKED,
                QT_TRANSLATE_NOOP("Errors", "%1 cannot be checked without a valid contract"),
                (parsed.serial,),
            ),
            [],
            parsed.notation,
            None,
        )
    rows = [
        service_row(row)
        for row in session.execute(
            service_select()
            .where(Service.contract_id == contract.id, Service.serial == parsed.serial)
            .order_by(Service.notation_index)
        )
    ]
    if not rows:
        holders = session.execute(
            select(ServiceContract.number, ServiceContract.customer_id)
            .join(Service, Service.contract_id == ServiceContract.id)
            .where(Service.serial == parsed.serial)
            .distinct()
            .order_by(ServiceContract.number)
        ).all()
        # Whoever is on the phone may hear this company's own contracts, never another's.
        own = [number for number, customer_id in holders if customer_id == contract.customer_id]
        if own:
            template = QT_TRANSLATE_NOOP("Errors", "serial %1 is not on contract %2 (it is on %3)")
        elif holders:
            template = QT_TRANSLATE_NOOP(
                "Errors", "serial %1 is not on contract %2 (it is on another company's contract)"
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "Errors", "serial %1 is not on contract %2 (HEZO knows no such serial)"
            )
        return (
            FactCheck(
                Fact.SERIAL,
                FactProblem.SERIAL_NOT_ON_CONTRACT,
                template,
                (parsed.serial, contract.number, ", ".join(own)),
            ),
            [],
            parsed.notation,
            None,
        )
    exact = [row for row in rows if row.notation_index == parsed.index]
    read_back = format_notation(parsed.serial, (exact or rows)[0].notation_index)
    return (
        FactCheck(
            Fact.SERIAL,
            None,
            QT_TRANSLATE_NOOP("Errors", "%1 on %2"),
            (read_back, contract.number),
        ),
        rows,
        parsed.notation,
        read_back,
    )


def _valid_details(details: ContactDetails) -> tuple[str, str, str, str | None]:
    first, last = clean_line(details.first_name), clean_line(details.last_name)
    email = details.email.strip()
    within_limit(InputField.FIRST_NAME, first)
    within_limit(InputField.LAST_NAME, last)
    within_limit(InputField.EMAIL, email)
    if not first:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "first name is missing"))
    if not last:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "last name is missing"))
    if not _EMAIL.match(email):
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "“%1” is not an e-mail address (name@company.pl)"), email
        )
    phone = clean_line(details.phone or "") or None
    if phone is not None:
        within_limit(InputField.PHONE, phone)
        parse_phone(phone)
    return first, last, email, phone
