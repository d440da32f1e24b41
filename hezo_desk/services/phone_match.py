"""Who has this phone number: customers and contacts matched on the E.164 form, indexed.

Rows written by a desk older than revision 0008 have no E.164 form yet; for them the nine-digit
key those desks write is the match (indexed too).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from hezo_desk.models import Contact, Customer
from hezo_desk.services.normalize import phone_key


@dataclass(frozen=True)
class PhoneMatches:
    # Customers whose own phone it is.
    customer_ids: list[int]
    # Contacts whose phone it is, with their customers.
    contacts: list[tuple[int, int]]

    @property
    def all_customer_ids(self) -> list[int]:
        """Every customer the number leads to, once, customers' own phones first."""
        seen = dict.fromkeys(self.customer_ids)
        seen.update(dict.fromkeys(customer_id for _contact, customer_id in self.contacts))
        return list(seen)


def _has_phone(
    e164_column: InstrumentedAttribute[str | None],
    key_column: InstrumentedAttribute[str | None],
    e164: str,
) -> ColumnElement[bool]:
    legacy_key = phone_key(e164)
    if legacy_key is None:
        return e164_column == e164
    return or_(e164_column == e164, and_(e164_column.is_(None), key_column == legacy_key))


def match_phone(session: Session, e164: str, limit: int = 50) -> PhoneMatches:
    customers = session.scalars(
        select(Customer.id)
        .where(_has_phone(Customer.phone_e164, Customer.phone_key, e164))
        .order_by(Customer.id)
        .limit(limit)
    )
    contacts = session.execute(
        select(Contact.id, Contact.customer_id)
        .where(_has_phone(Contact.phone_e164, Contact.phone_key, e164))
        .order_by(Contact.id)
        .limit(limit)
    )
    return PhoneMatches(list(customers), [(row[0], row[1]) for row in contacts])
