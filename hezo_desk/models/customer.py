"""Companies (customers and resellers) and the people who speak for customers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hezo_desk.enums import Language
from hezo_desk.models.base import Base, UTCDateTime, str_enum, utcnow


class Reseller(Base):
    __tablename__ = "resellers"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Canonical (country prefix + digits); unique where known.
    tax_id: Mapped[str | None] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(320))
    legacy_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        Index(
            "ix_customers_name_folded",
            "name_folded",
            postgresql_ops={"name_folded": "text_pattern_ops"},
        ),
        Index("ix_customers_phone_key", "phone_key"),
        Index("ix_customers_phone_e164", "phone_e164"),
        Index("ix_customers_email_normalized", "email_normalized"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tax_id: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    # Lower case, diacritics folded (Łódź → lodz): what name lookups compare against.
    name_folded: Mapped[str] = mapped_column(String(300))
    street: Mapped[str | None] = mapped_column(String(300))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2), default="PL")
    phone: Mapped[str | None] = mapped_column(String(40))
    # The last nine digits, as desks before revision 0008 match phones (they still write it).
    phone_key: Mapped[str | None] = mapped_column(String(20))
    # The phone in E.164 (+48122525600), what lookups and the call journal match on (0008).
    phone_e164: Mapped[str | None] = mapped_column(String(16))
    email: Mapped[str | None] = mapped_column(String(320))
    email_normalized: Mapped[str | None] = mapped_column(String(320))
    language: Mapped[Language] = mapped_column(
        str_enum(Language, "customer_language"), default=Language.POLISH
    )
    legacy_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    contacts: Mapped[list[Contact]] = relationship(back_populates="customer")


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_phone_key", "phone_key"),
        Index("ix_contacts_phone_e164", "phone_e164"),
        Index("ix_contacts_anonymised_number", "anonymised_number", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(320))
    # Lower-cased e-mail: one contact per address, however it was typed.
    email_normalized: Mapped[str] = mapped_column(String(320), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    # The last nine digits, as desks before revision 0008 match phones (they still write it).
    phone_key: Mapped[str | None] = mapped_column(String(20))
    # The phone in E.164 (+48122525600), what lookups and the call journal match on (0008).
    phone_e164: Mapped[str | None] = mapped_column(String(16))
    language: Mapped[Language] = mapped_column(
        str_enum(Language, "contact_language"), default=Language.POLISH
    )
    registered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    registered_by_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The n of "Anonymised person n" once the person's data was erased (revision 0009); None
    # while the contact is a known person.
    anonymised_number: Mapped[int | None] = mapped_column()

    customer: Mapped[Customer] = relationship(back_populates="contacts")
