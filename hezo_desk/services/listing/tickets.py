"""The list of tickets: sorted by any column, filtered by state, priority, assignee,
review, customer and time left, and searched in full text (a costly filter, see
`paging.CostlyFilter`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import Connection, false, or_
from sqlalchemy.orm import InstrumentedAttribute

from hezo_desk.db import Database
from hezo_desk.enums import OPEN_TICKET_STATES, Priority, TicketState
from hezo_desk.models import Ticket
from hezo_desk.services.actor import Actor
from hezo_desk.services.listing.definition import KeyExpression, Listing, Sort, rank_key
from hezo_desk.services.listing.paging import Condition, CostlyFilter
from hezo_desk.services.records import AnyRow, AnySelect, TicketRow, ticket_row, ticket_select
from hezo_desk.services.search import SearchService, parse_query
from hezo_desk.services.service_levels.standing import SOON

# The workflow order of states and the urgency order of priorities, for sorting.
TICKET_STATE_ORDER = (
    TicketState.NEW,
    TicketState.IN_PROGRESS,
    TicketState.WAITING_FOR_CUSTOMER,
    TicketState.CLOSED,
    TicketState.CANCELLED,
)
PRIORITY_ORDER = (Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.CRITICAL)


@dataclass(frozen=True)
class TicketFilter:
    states: frozenset[TicketState] = frozenset()
    priorities: frozenset[Priority] = frozenset()
    # Assigned to the acting agent, or to nobody; both ticked: either of the two.
    mine: bool = False
    unassigned: bool = False
    # Migrated from the legacy system and not yet reviewed by the back office.
    awaiting_review: bool = False
    customer_id: int | None = None
    # Full-text search: ticket numbers (new and legacy), subjects, words in the dialogue.
    search: str = ""
    # Time left: past the next due ("breached"), or due within the hour; both ticked: either.
    breached: bool = False
    due_soon: bool = False


OPEN_STATES = OPEN_TICKET_STATES


class TicketListing(Listing[TicketRow, TicketFilter]):
    default_sort: ClassVar[Sort] = Sort("updated", descending=True)
    # Every sort but state and priority (their rank indexes are on an expression, which a jump
    # would compute for each row it skips).
    indexed_sorts: ClassVar[frozenset[str]] = frozenset(
        {
            "number",
            "subject",
            "customer",
            "notation",
            "channel",
            "assignee",
            "reseller_access",
            "opened",
            "updated",
        }
    )
    # Time left: tickets without a next due (paused, stopped, no target) come last.
    nullable_sorts: ClassVar[frozenset[str]] = frozenset({"time_left"})

    def __init__(
        self, db: Database, actor: Actor, now: Callable[[], dt.datetime] | None = None
    ) -> None:
        super().__init__(db)
        self._actor = actor
        # The instant the time-left filters count from (tests fix it), read when a filter is
        # applied: a list opened at 10:00 shows what was breached at 10:00 until refreshed.
        self._now = now or _utc_now
        self._search = SearchService(db)

    def _id_column(self) -> InstrumentedAttribute[int]:
        return Ticket.id

    def _define_sort_keys(self) -> Mapping[str, tuple[KeyExpression, ...]]:
        return {
            # Numbers are issued in the order tickets are created, as ids are; the id is
            # indexed and numeric, where `HD-1000000` would sort before `HD-999999` as text.
            "number": (Ticket.id,),
            "subject": (Ticket.subject,),
            # What a ticket refers to, through the copies its triggers keep (revision 0006).
            "customer": (Ticket.customer_sort,),
            "notation": (Ticket.serial_sort, Ticket.notation_index_sort),
            "state": (rank_key(Ticket.state, TICKET_STATE_ORDER),),
            "priority": (rank_key(Ticket.priority, PRIORITY_ORDER),),
            "channel": (Ticket.channel,),
            "assignee": (Ticket.assignee_sort,),
            "reseller_access": (Ticket.reseller_access,),
            "opened": (Ticket.opened_at,),
            "updated": (Ticket.updated_at,),
            # The due the ticket counts down to (index ix_tickets_next_due: next_due_at, id).
            "time_left": (Ticket.next_due_at,),
        }

    @property
    def now(self) -> dt.datetime:
        return self._now()

    def _conditions(self, list_filter: TicketFilter) -> list[Condition]:
        conditions: list[Condition] = []
        if list_filter.states:
            conditions.append(Ticket.state.in_(list_filter.states))
        if list_filter.priorities:
            conditions.append(Ticket.priority.in_(list_filter.priorities))
        assignees: list[Condition] = []
        if list_filter.mine:
            assignees.append(Ticket.assignee_id == self._actor.id)
        if list_filter.unassigned:
            assignees.append(Ticket.assignee_id.is_(None))
        if assignees:
            conditions.append(or_(*assignees))
        if list_filter.awaiting_review:
            conditions.append(Ticket.migrated_at.is_not(None))
            conditions.append(Ticket.reviewed_at.is_(None))
        if list_filter.customer_id is not None:
            conditions.append(Ticket.customer_id == list_filter.customer_id)
        if list_filter.breached or list_filter.due_soon:
            now = self._now()
            # Both as ranges of ix_tickets_next_due; a NULL next due (paused, stopped, no
            # target) is in neither.
            upper = now + SOON if list_filter.due_soon else now
            conditions.append(Ticket.next_due_at < upper)
            if not list_filter.breached:
                conditions.append(Ticket.next_due_at >= now)
        if list_filter.search.strip() and parse_query(list_filter.search).is_empty:
            conditions.append(false())
        return conditions

    def _costly_filter(self, list_filter: TicketFilter) -> CostlyFilter | None:
        """The full-text search (its own tests: test_search.py)."""
        query = parse_query(list_filter.search)
        if query.is_empty:
            return None
        search = self._search

        def few(connection: Connection, most: int) -> list[int] | None:
            return search.few_ticket_ids(connection, query, most)

        return CostlyFilter(ids=search.ticket_ids(query), test=search.matches(query), few=few)

    def _rows(self) -> AnySelect:
        return ticket_select()

    def _make_row(self, row: AnyRow) -> TicketRow:
        return ticket_row(row)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
