"""How long a typed value may be: one source of truth, the models' column lengths.

A value longer than its column fails on PostgreSQL with a DataError (whose text carries the
statement's parameters) and is stored whole by SQLite, which ignores VARCHAR lengths. Every
service checks its input here before it writes, and the window sets its line edits' maximum
length from `max_length`, so the number is never copied by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import InstrumentedAttribute

from hezo_desk.errors import FieldTooLongError, InputField
from hezo_desk.models import (
    Agent,
    Attachment,
    Contact,
    Customer,
    ReplyTemplate,
    ResellerAccessChange,
    Ticket,
)

# What a full-text search reads of its input; the rest could only add terms past MAX_TERMS.
SEARCH_QUERY_LENGTH = 500
# A reply template's body (a Text column): a page or two of canned answer, not a log file.
TEMPLATE_BODY_LENGTH = 10_000

_COLUMNS: Mapping[InputField, InstrumentedAttribute[Any]] = MappingProxyType(
    {
        InputField.CUSTOMER_NAME: Customer.name,
        InputField.FIRST_NAME: Contact.first_name,
        InputField.LAST_NAME: Contact.last_name,
        InputField.EMAIL: Contact.email,
        InputField.PHONE: Contact.phone,
        InputField.LOGIN: Agent.login,
        InputField.DISPLAY_NAME: Agent.display_name,
        InputField.SUBJECT: Ticket.subject,
        InputField.REQUESTER_NAME: ResellerAccessChange.requested_by_name,
        InputField.FILE_NAME: Attachment.file_name,
        InputField.TEMPLATE_NAME: ReplyTemplate.name,
    }
)


def column_length(attribute: InstrumentedAttribute[Any]) -> int:
    """The VARCHAR length of a mapped string column."""
    column_type = attribute.property.columns[0].type
    if not isinstance(column_type, String) or column_type.length is None:
        raise TypeError(f"{attribute} has no length")
    return column_type.length


def max_length(field: InputField) -> int:
    """The most characters `field` may hold."""
    if field is InputField.SEARCH:
        return SEARCH_QUERY_LENGTH
    if field is InputField.TEMPLATE_BODY:
        return TEMPLATE_BODY_LENGTH
    if field is InputField.LOOKUP:
        # Nothing a lookup identifies is longer than a company name or an e-mail address;
        # a longer text can match nothing, and only costs (SQLite refuses LIKE patterns
        # over 50,000 bytes).
        return max(column_length(Customer.name), column_length(Contact.email))
    return column_length(_COLUMNS[field])


def within_limit(field: InputField, value: str) -> str:
    """`value` unchanged, or `FieldTooLongError` naming the field and its limit."""
    limit = max_length(field)
    if len(value) > limit:
        raise FieldTooLongError(field, limit, len(value))
    return value


def fitted(attribute: InstrumentedAttribute[Any], text: str) -> str:
    """A copy made by the desk itself (an author's name on a message) cut to its column.

    For values no one typed into that field: two names, each within its own limit, may
    together be one character longer than the copy's column.
    """
    limit = column_length(attribute)
    return text if len(text) <= limit else text[: limit - 1] + "…"
