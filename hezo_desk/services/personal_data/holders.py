"""Other contacts who hold one of a person's values: a namesake, a shared phone.

Two contacts may share a name (the demo has such, so do real desks) or a phone (a company's
switchboard). Erasing one of them must not erase the other: the other's contact row, the
messages they wrote, their calls and the tickets they raised keep what is theirs. The erasure
leaves those values there; the proof reports them apart, as the other contact's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hezo_desk.models import Contact, Ticket
from hezo_desk.services.personal_data.stores import matching
from hezo_desk.services.personal_data.values import PersonalValues


@dataclass(frozen=True)
class OtherHolders:
    # Contact id → the kinds of value ("name", "e-mail", "phone") that contact holds too.
    kinds: dict[int, frozenset[str]]
    # Ticket id → the contact (one of `kinds`) who raised it.
    tickets: dict[int, int]

    @property
    def contact_ids(self) -> tuple[int, ...]:
        return tuple(sorted(self.kinds))

    def all_kinds(self) -> frozenset[str]:
        return frozenset().union(*self.kinds.values())

    def in_ticket(self, ticket_id: int) -> frozenset[str]:
        """The kinds the ticket's own contact holds (nothing for another's ticket)."""
        return self.of(self.tickets.get(ticket_id))

    def of(self, contact_id: int | None) -> frozenset[str]:
        """The kinds the contact holds (nothing for a contact who holds none)."""
        return self.kinds.get(contact_id, frozenset()) if contact_id is not None else frozenset()


def other_holders(session: Session, values: PersonalValues, but: int | None) -> OtherHolders:
    """The contacts (not anonymised, other than `but`) whose name, e-mail or phone is one of
    the values. A contact holding a given e-mail (an e-mail is one contact's), or every kind
    of value given, is the person the values name, not another."""
    given = {
        kind
        for kind, present in (
            ("name", values.names),
            ("e-mail", values.emails),
            ("phone", values.phones),
        )
        if present
    }
    full_name = Contact.first_name + " " + Contact.last_name
    query = select(
        Contact.id, Contact.first_name, Contact.last_name, Contact.email, Contact.phone
    ).where(
        Contact.anonymised_number.is_(None),
        or_(
            matching(full_name, values.without({"e-mail", "phone"})),
            matching(Contact.email, values.without({"name", "phone"})),
            matching(Contact.phone, values.without({"name", "e-mail"})),
        ),
    )
    if but is not None:
        query = query.where(Contact.id != but)
    kinds: dict[int, frozenset[str]] = {}
    for contact_id, first, last, email, phone in session.execute(query):
        held = set()
        if "name" in values.found_in(f"{first} {last}"):
            held.add("name")
        if email and "e-mail" in values.found_in(email):
            held.add("e-mail")
        if phone and "phone" in values.found_in(phone):
            held.add("phone")
        if held and "e-mail" not in held and held != given:
            kinds[contact_id] = frozenset(held)
    tickets: dict[int, int] = {}
    if kinds:
        raised = select(Ticket.id, Ticket.contact_id).where(Ticket.contact_id.in_(kinds))
        for ticket_id, raised_by in session.execute(raised):
            if raised_by is not None:
                tickets[ticket_id] = raised_by
    return OtherHolders(kinds, tickets)
