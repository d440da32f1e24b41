"""Which contact a request names: an e-mail, a phone in any printed form, or a contact id."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hezo_desk.errors import NotFoundError, UserError
from hezo_desk.models import Contact
from hezo_desk.services.normalize import email_key, phone_key

# A contact id is short; a phone has at least six digits (normalize.phone_key).
_MAX_ID_DIGITS = 5


def resolve_contact(session: Session, text: str) -> int:
    """The id of the one contact `text` names; NotFoundError or UserError (several) else."""
    value = text.strip()
    if not value:
        raise UserError("name the contact: an e-mail, a phone or a contact id")
    if "@" in value:
        key = email_key(value)
        ids = list(session.scalars(select(Contact.id).where(Contact.email_normalized == key)))
        what = f"e-mail {value}"
    elif value.isdigit() and len(value) <= _MAX_ID_DIGITS:
        ids = list(session.scalars(select(Contact.id).where(Contact.id == int(value))))
        what = f"id {value}"
    else:
        key = phone_key(value)
        if key is None:
            raise UserError(
                f"{value!r} is neither an e-mail, a phone nor a contact id: name the contact "
                "by one of those"
            )
        ids = list(
            session.scalars(select(Contact.id).where(Contact.phone_key == key).order_by(Contact.id))
        )
        what = f"phone {value}"
    if not ids:
        raise NotFoundError(f"no contact with the {what}")
    if len(ids) > 1:
        listed = ", ".join(str(contact_id) for contact_id in ids)
        raise UserError(
            f"several contacts have the {what} (ids {listed}): name one of them by its id"
        )
    return ids[0]
