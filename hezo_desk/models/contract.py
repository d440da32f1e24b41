"""Service contracts and the services (one product for one device serial) they list."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hezo_desk.enums import ContractState
from hezo_desk.models.base import Base, UTCDateTime, str_enum, utcnow
from hezo_desk.models.customer import Customer, Reseller


class ServiceContract(Base):
    __tablename__ = "service_contracts"
    __table_args__ = (
        Index("ix_service_contracts_customer_state", "customer_id", "state"),
        Index("ix_service_contracts_reseller_state", "reseller_id", "state"),
        Index("ix_service_contracts_end_date", "end_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64))
    # Upper-case letters and digits only: "ums 2021 00001" and "UMS/2021/00001" meet here.
    number_key: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    reseller_id: Mapped[int] = mapped_column(ForeignKey("resellers.id"))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[ContractState] = mapped_column(str_enum(ContractState, "contract_state"))
    imported_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    customer: Mapped[Customer] = relationship()
    reseller: Mapped[Reseller] = relationship()
    services: Mapped[list[Service]] = relationship(back_populates="contract", order_by="Service.id")


class Service(Base):
    """One purchased support product for one device serial.

    Its new notation is derived from (serial, notation_index): index 0 is
    `(H)-SERIAL`, index n ≥ 1 is `(Hn)-SERIAL`. Once issued it never changes.
    """

    __tablename__ = "services"
    __table_args__ = (
        UniqueConstraint("serial", "notation_index", name="uq_services_notation"),
        CheckConstraint("notation_index >= 0", name="notation_index_not_negative"),
        Index("ix_services_contract_id", "contract_id"),
        Index("ix_services_service_level_id", "service_level_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("service_contracts.id"))
    serial: Mapped[str] = mapped_column(String(64))
    notation_index: Mapped[int] = mapped_column()
    product: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    legacy_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The service level its tickets are served on (revision 0013): set from the product's name
    # when the service is created, editable by the back office. NULL only for a row written
    # around the desk; the services then read it as the product rule gives.
    service_level_id: Mapped[int | None] = mapped_column(ForeignKey("service_levels.id"))

    contract: Mapped[ServiceContract] = relationship(back_populates="services")
