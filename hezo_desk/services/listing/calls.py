"""The call journal as a list: newest first, searchable, missed calls alone on request."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, TextIO

from sqlalchemy import func, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from hezo_desk.enums import CallDirection
from hezo_desk.models import Agent, Call, Customer
from hezo_desk.services.call_records import (
    CallRecord,
    call_select,
    make_call_record,
    missed_condition,
    write_csv,
)
from hezo_desk.services.listing.definition import KeyExpression, Listing, Sort, text_key
from hezo_desk.services.listing.paging import Condition
from hezo_desk.services.normalize import fold, printable_line
from hezo_desk.services.phones import phone_e164
from hezo_desk.services.records import AnyRow, AnySelect

_NON_DIGITS = re.compile(r"\D+")


@dataclass(frozen=True)
class CallFilter:
    # A number in any form (or a part of its digits), or a part of the company's name.
    search: str | None = None
    missed_only: bool = False
    direction: CallDirection | None = None


def call_conditions(call_filter: CallFilter) -> list[Condition]:
    """The filter as conditions on the journal's own table (names through subqueries)."""
    conditions: list[Condition] = []
    if call_filter.missed_only:
        conditions.append(missed_condition())
    if call_filter.direction is not None:
        conditions.append(Call.direction == call_filter.direction)
    typed = printable_line(call_filter.search or "")
    if typed:
        found: list[Condition] = [Call.number.contains(typed, autoescape=True)]
        e164 = phone_e164(typed)
        if e164 is not None:
            found.append(Call.number_e164 == e164)
        digits = _NON_DIGITS.sub("", typed)
        if len(digits) >= 3:
            found.append(Call.number_e164.contains(digits, autoescape=True))
        found.append(
            Call.customer_id.in_(
                select(Customer.id).where(
                    Customer.name_folded.contains(fold(typed), autoescape=True)
                )
            )
        )
        found.append(func.lower(Call.outcome).contains(typed.lower(), autoescape=True))
        conditions.append(or_(*found))
    return conditions


class CallListing(Listing[CallRecord, CallFilter]):
    default_sort: ClassVar[Sort] = Sort("time", descending=True)
    indexed_sorts: ClassVar[frozenset[str]] = frozenset({"time"})

    def _id_column(self) -> InstrumentedAttribute[int]:
        return Call.id

    def _define_sort_keys(self) -> Mapping[str, tuple[KeyExpression, ...]]:
        customer_name = (
            select(Customer.name_folded)
            .where(Customer.id == Call.customer_id)
            .correlate(Call)
            .scalar_subquery()
        )
        agent_name = (
            select(Agent.display_name)
            .where(Agent.id == Call.agent_id)
            .correlate(Call)
            .scalar_subquery()
        )
        return {
            "time": (Call.started_at,),
            "direction": (Call.direction,),
            "number": (func.coalesce(Call.number_e164, Call.number),),
            "customer": (text_key(customer_name),),
            "agent": (text_key(agent_name),),
            "duration": (func.coalesce(Call.duration_s, -1),),
        }

    def _conditions(self, list_filter: CallFilter) -> list[Condition]:
        return call_conditions(list_filter)

    def _rows(self) -> AnySelect:
        return call_select(self.db.is_sqlite)

    def _make_row(self, row: AnyRow) -> CallRecord:
        return make_call_record(row)


def journal_rows(listing: CallListing, call_filter: CallFilter) -> Iterator[CallRecord]:
    """Every call the filter lets through, newest first, read a page at a time."""
    window = listing.window(call_filter)
    number = 0
    while page := window.page(number):
        yield from page
        number += 1


def export_journal(listing: CallListing, call_filter: CallFilter, out: TextIO) -> int:
    """The filtered journal as CSV; returns the number of calls written."""
    return write_csv(journal_rows(listing, call_filter), out)


def export_journal_file(listing: CallListing, call_filter: CallFilter, path: Path) -> int:
    """`export_journal` into a file, whole or not at all: a failed export leaves no half file
    under the name asked for."""
    partial = path.with_name(path.name + ".part")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            count = export_journal(listing, call_filter, out)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count
