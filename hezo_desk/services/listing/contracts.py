"""The list of contracts: by customer, number, tax id, reseller, term; filtered by state,
reseller, customer, expiry and a typed number, tax id or name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, aliased

from hezo_desk.catalogue import QT_TRANSLATE_NOOP
from hezo_desk.enums import ContractState
from hezo_desk.errors import UserError
from hezo_desk.models import Customer, Reseller, Service, ServiceContract
from hezo_desk.services.listing.definition import (
    KeyExpression,
    Listing,
    Sort,
    prefix_range,
    rank_key,
    text_key,
)
from hezo_desk.services.listing.paging import Condition
from hezo_desk.services.normalize import contract_number_key, fold, printable_line
from hezo_desk.services.records import AnyRow, AnySelect, ContractRow, contract_row, contract_select
from hezo_desk.services.tax_ids import InvalidTaxIdError, parse_tax_id

CONTRACT_STATE_ORDER = (ContractState.ACTIVE, ContractState.EXPIRED, ContractState.CANCELLED)


@dataclass(frozen=True)
class ContractFilter:
    states: frozenset[ContractState] = frozenset()
    reseller_id: int | None = None
    # Active contracts whose term ends between today and today + N days.
    expiring_within_days: int | None = None
    # A contract number (its start), a tax id, or words of the customer's name.
    text: str = ""
    customer_id: int | None = None
    today: dt.date | None = None


@dataclass(frozen=True)
class ResellerChoice:
    id: int
    name: str


class ContractListing(Listing[ContractRow, ContractFilter]):
    default_sort: ClassVar[Sort] = Sort("customer")

    def resellers(self) -> list[ResellerChoice]:
        """Every reseller, by name: the choices of the reseller filter."""
        with self._db.sessions() as session:
            rows = session.execute(select(Reseller.id, Reseller.name).order_by(Reseller.name))
            return [ResellerChoice(reseller_id, name) for reseller_id, name in rows]

    def _id_column(self) -> InstrumentedAttribute[int]:
        return ServiceContract.id

    def _define_sort_keys(self) -> Mapping[str, tuple[KeyExpression, ...]]:
        customer, reseller, service = aliased(Customer), aliased(Reseller), aliased(Service)

        def of_customer(value: InstrumentedAttribute[str]) -> ColumnElement[Any]:
            return (
                select(value)
                .where(customer.id == ServiceContract.customer_id)
                .correlate(ServiceContract)
                .scalar_subquery()
            )

        services = (
            select(func.count(service.id))
            .where(service.contract_id == ServiceContract.id)
            .correlate(ServiceContract)
            .scalar_subquery()
        )
        reseller_name = (
            select(reseller.name)
            .where(reseller.id == ServiceContract.reseller_id)
            .correlate(ServiceContract)
            .scalar_subquery()
        )
        return {
            "number": (ServiceContract.number_key,),
            "customer": (text_key(of_customer(customer.name_folded)),),
            "tax_id": (text_key(of_customer(customer.tax_id)),),
            "reseller": (text_key(reseller_name),),
            "start": (ServiceContract.start_date,),
            "term": (ServiceContract.end_date,),
            "state": (rank_key(ServiceContract.state, CONTRACT_STATE_ORDER),),
            "services": (services,),
        }

    def _conditions(self, list_filter: ContractFilter) -> list[Condition]:
        conditions: list[Condition] = []
        if list_filter.states:
            conditions.append(ServiceContract.state.in_(list_filter.states))
        if list_filter.reseller_id is not None:
            conditions.append(ServiceContract.reseller_id == list_filter.reseller_id)
        if list_filter.customer_id is not None:
            conditions.append(ServiceContract.customer_id == list_filter.customer_id)
        if list_filter.expiring_within_days is not None:
            if list_filter.expiring_within_days < 0:
                raise UserError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "'expiring within' needs a number of days of 0 or more"
                    )
                )
            today = list_filter.today or dt.date.today()
            conditions.append(ServiceContract.state == ContractState.ACTIVE)
            conditions.append(
                ServiceContract.end_date.between(
                    today, today + dt.timedelta(days=list_filter.expiring_within_days)
                )
            )
        text = printable_line(list_filter.text)
        if text:
            conditions.append(_contract_text(text))
        return conditions

    def _rows(self) -> AnySelect:
        return contract_select()

    def _make_row(self, row: AnyRow) -> ContractRow:
        return contract_row(row)


def _contract_text(text: str) -> Condition:
    """A contract number (or its start), a tax id, or words of the customer's name."""
    alternatives: list[Condition] = []
    key = contract_number_key(text)
    if key:
        alternatives.append(prefix_range(ServiceContract.number_key, key))
    try:
        tax_id = parse_tax_id(text).canonical
    except InvalidTaxIdError:
        pass
    else:
        alternatives.append(
            ServiceContract.customer_id.in_(select(Customer.id).where(Customer.tax_id == tax_id))
        )
    folded = fold(text)
    name = or_(
        Customer.name_folded.startswith(folded, autoescape=True),
        Customer.name_folded.contains(" " + folded, autoescape=True),
    )
    alternatives.append(ServiceContract.customer_id.in_(select(Customer.id).where(name)))
    return or_(*alternatives)
