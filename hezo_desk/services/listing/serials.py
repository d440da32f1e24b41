"""The list of services (serials on contracts): by notation, product, contract, customer,
term; filtered by a serial's start, a contract or a customer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, aliased

from hezo_desk.models import Customer, Service, ServiceContract
from hezo_desk.services.listing.definition import (
    KeyExpression,
    Listing,
    Sort,
    prefix_range,
    text_key,
)
from hezo_desk.services.listing.paging import Condition
from hezo_desk.services.records import AnyRow, AnySelect, ServiceRow, service_row, service_select
from hezo_desk.services.serials import ParsedSerial, parse_serial


@dataclass(frozen=True)
class ServiceFilter:
    # A serial in any notation; its bare serial is matched from the start.
    serial: ParsedSerial | None = None
    contract_id: int | None = None
    customer_id: int | None = None


def read_serial(text: str) -> ParsedSerial | None:
    """A serial field's text: None when empty; `InvalidSerialError` says what is wrong."""
    if not text.strip():
        return None
    return parse_serial(text)


class ServiceListing(Listing[ServiceRow, ServiceFilter]):
    default_sort: ClassVar[Sort] = Sort("notation")

    def _id_column(self) -> InstrumentedAttribute[int]:
        return Service.id

    def _define_sort_keys(self) -> Mapping[str, tuple[KeyExpression, ...]]:
        contract, customer = aliased(ServiceContract), aliased(Customer)
        contract_number = (
            select(contract.number_key)
            .where(contract.id == Service.contract_id)
            .correlate(Service)
            .scalar_subquery()
        )
        customer_name = (
            select(customer.name_folded)
            .join(contract, contract.customer_id == customer.id)
            .where(contract.id == Service.contract_id)
            .correlate(Service)
            .scalar_subquery()
        )
        notation = (Service.serial, Service.notation_index)
        return {
            "notation": notation,
            "serial": notation,
            "product": (Service.product,),
            "contract": (text_key(contract_number),),
            "customer": (text_key(customer_name),),
            "start": (Service.start_date,),
            "term": (Service.end_date,),
        }

    def _conditions(self, list_filter: ServiceFilter) -> list[Condition]:
        conditions: list[Condition] = []
        if list_filter.serial is not None:
            conditions.append(prefix_range(Service.serial, list_filter.serial.serial))
        if list_filter.contract_id is not None:
            conditions.append(Service.contract_id == list_filter.contract_id)
        if list_filter.customer_id is not None:
            conditions.append(
                Service.contract_id.in_(
                    select(ServiceContract.id).where(
                        ServiceContract.customer_id == list_filter.customer_id
                    )
                )
            )
        return conditions

    def _rows(self) -> AnySelect:
        return service_select()

    def _make_row(self, row: AnyRow) -> ServiceRow:
        return service_row(row)
