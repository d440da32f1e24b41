"""Which contact a data subject's request names: an e-mail, a phone in any form, or an id.

A request under RODO names a person the way the person gave it: their e-mail, the phone they
called from, or (from the desk or a script) the contact's id. One text names one contact or
none: a phone shared by two contacts is refused as ambiguous with the candidates' ids, so the
staff member picks one by id instead of the desk guessing whose data to hand out or erase.
"""

from __future__ import annotations

import enum
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from hezo_desk.errors import UserError
from hezo_desk.models import Contact
from hezo_desk.services.normalize import email_key, phone_key, printable_line

# `12`, `#12`, `id:12`, `id 12`, `contact 12`: a contact's id. A bare number of six digits or
# more is a phone number (phone_key's rule), so an id that long needs its `#` or `id:`.
_EXPLICIT_ID = re.compile(r"^(?:#|id\s*[:=]?\s*|contact\s*[:=#]?\s*)(\d+)$", re.IGNORECASE)
_SHORT_NUMBER = re.compile(r"^\d{1,5}$")


class ContactProblem(enum.StrEnum):
    """Why a text names no single contact (the screens and commands word each code)."""

    EMPTY = "empty"
    NO_SUCH_ID = "no_such_id"
    NO_SUCH_EMAIL = "no_such_email"
    NO_SUCH_PHONE = "no_such_phone"
    UNREADABLE = "unreadable"
    AMBIGUOUS_PHONE = "ambiguous_phone"


# The English wording, for the command line and the log; the desk words the codes itself.
_WORDING = {
    ContactProblem.EMPTY: "name the contact: an e-mail, a phone or a contact id",
    ContactProblem.NO_SUCH_ID: "no contact has the id {text}",
    ContactProblem.NO_SUCH_EMAIL: "no contact has the e-mail {text}",
    ContactProblem.NO_SUCH_PHONE: "no contact has the phone {text}",
    ContactProblem.UNREADABLE: (
        "{text!r} is neither an e-mail, nor a phone, nor a contact id (e.g. #12)"
    ),
    ContactProblem.AMBIGUOUS_PHONE: (
        "the phone {text} belongs to several contacts (ids {candidates}): name one by its id, "
        "e.g. #{first}"
    ),
}


class ContactNotResolvedError(UserError):
    """The text names no contact, or more than one; `problem` says which, `candidates` the ids."""

    def __init__(self, problem: ContactProblem, text: str, candidates: tuple[int, ...] = ()):
        self.problem = problem
        self.text = text
        self.candidates = candidates
        super().__init__(
            _WORDING[problem].format(
                text=text,
                candidates=", ".join(str(c) for c in candidates),
                first=candidates[0] if candidates else "",
            )
        )


def resolve_contact(session: Session, reference: str) -> Contact:
    """The one contact `reference` names (e-mail, phone in any form, or id)."""
    text = printable_line(reference)
    if not text:
        raise ContactNotResolvedError(ContactProblem.EMPTY, text)
    explicit = _EXPLICIT_ID.match(text)
    if explicit or _SHORT_NUMBER.match(text):
        contact_id = int(explicit.group(1) if explicit else text)
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise ContactNotResolvedError(ContactProblem.NO_SUCH_ID, str(contact_id))
        return contact
    if "@" in text:
        found = session.scalar(select(Contact).where(Contact.email_normalized == email_key(text)))
        if found is None:
            raise ContactNotResolvedError(ContactProblem.NO_SUCH_EMAIL, text)
        return found
    key = phone_key(text)
    if key is None or any(char.isalpha() for char in text):
        raise ContactNotResolvedError(ContactProblem.UNREADABLE, text)
    matches = list(
        session.scalars(select(Contact).where(Contact.phone_key == key).order_by(Contact.id))
    )
    if not matches:
        raise ContactNotResolvedError(ContactProblem.NO_SUCH_PHONE, text)
    if len(matches) > 1:
        raise ContactNotResolvedError(
            ContactProblem.AMBIGUOUS_PHONE, text, tuple(contact.id for contact in matches)
        )
    return matches[0]
